import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { resolutions, versions, type Resolution } from '../schema';
import { recordAuditEvent } from './audit-recorder';
import { conflict } from '../../lib/errors';
import { canMoveStage, STAGE_NAMES } from '../../lib/resolution/stages';
import type { Stage } from '../../lib/resolution/types';

export interface StageChange {
  resolution: Resolution;
  to: Stage;
  actorId: string;
  /** The text at the moment of the change, kept as the automatic version. */
  state: Uint8Array;
}

/** Moves a resolution to another stage, keeping a named version of the text as it stood. */
export async function changeStage(db: Db, change: StageChange): Promise<Resolution> {
  const { resolution, to } = change;
  const refusal = canMoveStage(resolution.stage as Stage, to);
  if (refusal) throw conflict('stage', refusal);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(resolutions)
      .set({ stage: to, updatedAt: sql`now()` })
      .where(eq(resolutions.id, resolution.id))
      .returning();
    await tx.insert(versions).values({
      resolutionId: resolution.id,
      name: `At the start of ${STAGE_NAMES[to].toLowerCase()}`,
      reason: 'stage',
      state: change.state,
      createdBy: change.actorId,
    });
    await recordAuditEvent(tx, {
      committeeId: resolution.committeeId,
      resolutionId: resolution.id,
      actorId: change.actorId,
      action: 'resolution.stage_changed',
      details: { from: resolution.stage, to },
    });
    return row;
  });
}
