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
  await tx.execute(sql`select pg_advisory_xact_lock(7263515)`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const entry = {
    committeeId: act.committeeId,
    resolutionId: act.resolutionId ?? null,
    actorId: act.actorId ?? null,
    action: act.action,
    details: act.details,
    at: at.toISOString(),
  };
  const hash = auditEntryHash({ prevHash, ...entry });
  await tx.insert(auditEvents).values({ ...entry, at, prevHash, hash });
}
