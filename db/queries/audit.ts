import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../client';
import { auditEvents, users } from '../schema';
import { verifyChain, type ChainVerification } from '../../lib/audit/chain';

/** A resolution's procedural record, oldest first, with the actor's name. */
export async function listAuditEvents(db: Queryable, resolutionId: string) {
  return db
    .select({
      seq: auditEvents.seq,
      action: auditEvents.action,
      details: auditEvents.details,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actor: users.name,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(eq(auditEvents.resolutionId, resolutionId))
    .orderBy(asc(auditEvents.seq));
}

/**
 * Verifies the whole chain. The chain is one for the installation (each entry chains to
 * the previous one whatever its committee), so it is always checked from the first entry.
 */
export async function verifyAuditChain(db: Queryable): Promise<ChainVerification> {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  return verifyChain(rows);
}
