import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../client';
import { auditEvents, users } from '../schema';
import { auditKey } from '../audit-key';
import { contentDigest, verifyChain, type ChainVerification } from '../../lib/audit/chain';

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
 * Verifies the whole chain under the audit key. The chain is one for the installation (each
 * entry chains to the previous one whatever its committee), so it is always checked from the
 * first entry.
 */
export async function verifyAuditChain(db: Queryable): Promise<ChainVerification> {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  return verifyChain(rows, auditKey());
}

/** One entry of an export: all of it, or (an entry the reader may not see) its link only. */
export type ExportedAuditEntry =
  | {
      seq: number;
      prevHash: string;
      hash: string;
      contentDigest: string;
      committeeId: string;
      resolutionId: string | null;
      actorId: string | null;
      action: string;
      details: unknown;
      at: string;
    }
  | { seq: number; prevHash: string; hash: string; contentDigest: string; withheld: true };

export interface AuditExport {
  format: 'concord-audit-chain';
  version: 2;
  algorithm: string;
  exportedAt: string;
  count: number;
  head: { seq: number; hash: string } | null;
  entries: ExportedAuditEntry[];
}

/**
 * The whole chain as JSON, for a party outside Concord to check with the key (README,
 * "Security"). `visible` says which committees' entries are shown whole; the others keep
 * their link and content digest only, so the chain still checks from end to end without
 * disclosing other committees' acts. Omit it to show everything (the CLI).
 */
export async function exportAuditChain(
  db: Queryable,
  visible?: (committeeId: string) => boolean,
): Promise<AuditExport> {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  const entries: ExportedAuditEntry[] = rows.map((r) => {
    const at = r.at.toISOString();
    const content = {
      committeeId: r.committeeId,
      resolutionId: r.resolutionId,
      actorId: r.actorId,
      action: r.action,
      details: r.details,
      at,
    };
    const link = { seq: r.seq, prevHash: r.prevHash, hash: r.hash, contentDigest: contentDigest(content) };
    return !visible || visible(r.committeeId) ? { ...link, ...content } : { ...link, withheld: true as const };
  });
  const last = rows.at(-1);
  return {
    format: 'concord-audit-chain',
    version: 2,
    algorithm:
      'hash = hex(HMAC-SHA256(key, "concord-audit-v2\\n" + prevHash + "\\n" + contentDigest)); contentDigest = hex(SHA-256(canonical JSON of {committeeId, resolutionId, actorId, action, details, at})); canonical JSON: keys sorted at every depth, no whitespace; the first prevHash is 64 zeros; entries before the first "audit.chain_keyed" one carry plain hashes: hex(SHA-256(canonical JSON of {prevHash, committeeId, resolutionId, actorId, action, details, at}))',
    exportedAt: new Date().toISOString(),
    count: rows.length,
    head: last ? { seq: last.seq, hash: last.hash } : null,
    entries,
  };
}
