import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { amendments, resolutions } from '../schema';
import { listAmendments } from '../queries/amendments';
import { lockResolution } from './amendment-history';
import { recordAuditEvent } from './audit-recorder';
import { DomainError } from '../../lib/errors';

/** The presiding officers' settings of the amendment procedure: deadline and voting order. */

interface Scope {
  committeeId: string;
  resolutionId: string;
  actorId: string;
}

/** Sets (or clears, with null) the time after which amendments can no longer be tabled. */
export async function setTablingDeadline(db: Db, props: Scope & { deadline: Date | null }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(resolutions)
      .set({ tablingDeadline: props.deadline, updatedAt: sql`now()` })
      .where(eq(resolutions.id, props.resolutionId))
      .returning();
    await recordAuditEvent(tx, {
      committeeId: props.committeeId,
      resolutionId: props.resolutionId,
      actorId: props.actorId,
      action: 'amendment.deadline_set',
      details: { deadline: props.deadline?.toISOString() ?? null },
    });
    return row;
  });
}

/**
 * The chair's voting order: the tabled amendments, every one exactly once, in the order
 * they will be put. Null returns to the suggested order. Recorded in the audit log with
 * the numbers in their new order.
 */
export async function setVotingOrder(db: Db, props: Scope & { order: string[] | null }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockResolution(tx, props.resolutionId);
    const tabled = (await listAmendments(tx, props.resolutionId)).filter((a) => a.status === 'tabled');
    const byId = new Map(tabled.map((a) => [a.id, a]));
    if (props.order) {
      const unknown = props.order.filter((id) => !byId.has(id));
      const missing = tabled.filter((a) => !props.order!.includes(a.id));
      const twice = props.order.filter((id, i) => props.order!.indexOf(id) !== i);
      if (unknown.length || missing.length || twice.length) {
        const problems = [
          ...unknown.map((id) => `${id} is not a tabled amendment of this resolution`),
          ...missing.map((a) => `${a.number} is missing`),
          ...[...new Set(twice)].map((id) => `${byId.get(id)?.number ?? id} is listed twice`),
        ];
        throw new DomainError(
          'unprocessable:voting_order',
          `The voting order must list every tabled amendment once: ${problems.join('; ')}.`,
          [{ path: 'body.order', message: problems.join('; ') }],
        );
      }
    }
    await tx.update(amendments).set({ votingPosition: null }).where(eq(amendments.resolutionId, props.resolutionId));
    for (const [index, id] of (props.order ?? []).entries()) {
      await tx
        .update(amendments)
        .set({ votingPosition: index + 1 })
        .where(and(eq(amendments.id, id), eq(amendments.resolutionId, props.resolutionId)));
    }
    await recordAuditEvent(tx, {
      committeeId: props.committeeId,
      resolutionId: props.resolutionId,
      actorId: props.actorId,
      action: 'amendment.voting_order_set',
      details: { order: props.order ? props.order.map((id) => byId.get(id)!.number) : 'suggested' },
    });
  });
}
