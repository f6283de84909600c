import { desc, sql } from 'drizzle-orm';
import type { Queryable } from '../client';
import { auditEvents } from '../schema';
import { auditEntryHash, GENESIS_HASH } from '../../lib/audit/chain';

export interface AuditAct {
  committeeId: string;
  resolutionId?: string | null;
  actorId?: string | null;
  /** "resolution.stage_changed", "amendment.tabled", "ballot.cast", … */
  action: string;
  details: Record<string, unknown>;
}

/**
 * Appends one procedural act to the hash-chained audit log. Call it inside the transaction
 * of the act itself, so the act and its record commit together. The advisory lock
 * serialises appenders across processes: two rows chained to the same predecessor would
 * read as tampering.
 */
export async function recordAuditEvent(tx: Queryable, act: AuditAct): Promise<void> {
  await recordAuditEvents(tx, [act]);
}

/**
 * Appends several acts of one transaction (a batch of ballots) in order: one lock, one read
 * of the chain's head, the entries chained here and written in one INSERT. Its rows take
 * their seq in the order of the VALUES list, which is the order they are chained in.
 */
export async function recordAuditEvents(tx: Queryable, acts: readonly AuditAct[]): Promise<void> {
  if (acts.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(7263515)`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = acts.map((act) => {
    const entry = {
      committeeId: act.committeeId,
      resolutionId: act.resolutionId ?? null,
      actorId: act.actorId ?? null,
      action: act.action,
      details: act.details,
      at: at.toISOString(),
    };
    const hash = auditEntryHash({ prevHash, ...entry });
    const row = { ...entry, at, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insert(auditEvents).values(rows);
}
