import type { Queryable } from '../client';
import { amendmentEvents, resolutions } from '../schema';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from './audit-recorder';

/**
 * Every act on an amendment is written twice, in the same transaction: in the amendment's
 * own history (what its page shows: who did what, when) and in the hash-chained audit log
 * of the committee (what proves the procedure).
 */
export interface AmendmentAct {
  committeeId: string;
  resolutionId: string;
  amendmentId: string;
  actorId: string | null;
  /** "drafted", "tabled", "fallen", … (the audit action is "amendment.<action>"). */
  action: string;
  details?: Record<string, unknown>;
}

export async function recordAmendmentAct(tx: Queryable, act: AmendmentAct): Promise<void> {
  const details = act.details ?? {};
  await tx
    .insert(amendmentEvents)
    .values({ amendmentId: act.amendmentId, actorId: act.actorId, action: act.action, details });
  await recordAuditEvent(tx, {
    committeeId: act.committeeId,
    resolutionId: act.resolutionId,
    actorId: act.actorId,
    action: `amendment.${act.action}`,
    details: { amendmentId: act.amendmentId, ...details },
  });
}

/**
 * Takes the resolution's row lock: acts that number or decide amendments run one at a time
 * per resolution, so two tablings never get the same number and two decisions never both
 * see the other amendment as still tabled.
 */
export async function lockResolution(tx: Queryable, resolutionId: string) {
  const [row] = await tx.select().from(resolutions).where(eq(resolutions.id, resolutionId)).for('update');
  return row;
}
