/**
 * The audit log is append-only, and each entry carries the hash of the one before it
 * (DESIGN.md, "Versions and audit"). Changing, deleting or reordering a row therefore
 * breaks the chain from that row on, and `verifyChain` says where.
 *
 * The hash covers a canonical JSON of the entry (object keys sorted at every depth, no
 * whitespace), because `details` is stored as jsonb, which does not keep key order: the
 * same entry must hash the same once read back from the database.
 *
 * What a chain cannot show on its own: the loss of the LAST entries (truncation) leaves a
 * shorter but valid chain. Compare `count` (or the head hash) with a copy kept elsewhere
 * when that matters.
 */
import { createHash } from 'node:crypto';

/** The prevHash of the first entry: 64 zeros, the length of a sha256 hex digest. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryContent {
  prevHash: string;
  /**
   * Included in the hash only when given. The database assigns seq on insert, after the hash
   * is computed (db/commands/audit-recorder.ts), so the recorder leaves it out; the order is
   * protected by prevHash anyway.
   */
  seq?: number;
  committeeId: string;
  resolutionId: string | null;
  actorId: string | null;
  action: string;
  details: unknown;
  /** ISO 8601 with milliseconds, as Date.toISOString() writes it. */
  at: string;
}

/** An entry as stored: its content, its position and the hash recorded with it. */
export interface StoredAuditEntry extends Omit<AuditEntryContent, 'seq' | 'at'> {
  seq: number;
  /** A Date as the database driver returns it, or its ISO string. */
  at: string | Date;
  hash: string;
}

export type ChainVerification = { ok: true; count: number } | { ok: false; brokenAtSeq: number; reason: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * JSON with sorted keys. Values JSON cannot hold are treated as JSON.stringify (and jsonb)
 * treat them — undefined properties are dropped, Dates become ISO strings — so the hash
 * computed before the insert matches the one recomputed from the stored row.
 */
function canonical(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`audit details cannot hold the number ${value}`);
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'function') out[key] = canonical(v);
    }
    return out;
  }
  throw new TypeError(`audit details cannot hold a value of type ${typeof value}`);
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

export function auditEntryHash(entry: AuditEntryContent): string {
  const { seq, ...rest } = entry;
  const content = seq === undefined ? rest : entry;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** The hashed fields, picked by name so that extra columns on a row never enter the hash. */
function contentOf(entry: StoredAuditEntry): AuditEntryContent {
  return {
    prevHash: entry.prevHash,
    committeeId: entry.committeeId,
    resolutionId: entry.resolutionId,
    actorId: entry.actorId,
    action: entry.action,
    details: entry.details,
    at: entry.at instanceof Date ? entry.at.toISOString() : entry.at,
  };
}

/**
 * Checks entries read in seq order (`order by seq`). Recomputes each hash without seq, as
 * the recorder wrote it. Finds, by the first entry where the chain breaks:
 * - a changed row: its recomputed hash differs from the stored one;
 * - a deleted row: the next entry's prevHash is not the hash of the entry before it;
 * - reordered rows: seq not increasing, or (after renumbering) prevHash links that no
 *   longer follow.
 */
export function verifyChain(entries: readonly StoredAuditEntry[]): ChainVerification {
  let prevHash = GENESIS_HASH;
  let prevSeq = -Infinity;
  for (const entry of entries) {
    const broken = (reason: string): ChainVerification => ({ ok: false, brokenAtSeq: entry.seq, reason });
    if (!(entry.seq > prevSeq))
      return broken(`entry ${entry.seq} comes after entry ${prevSeq}: the entries are out of order`);
    if (entry.prevHash !== prevHash) {
      return broken(
        prevHash === GENESIS_HASH
          ? `entry ${entry.seq} is the first but does not start the chain: entries before it are missing`
          : `entry ${entry.seq} does not follow entry ${prevSeq}: an entry between them was deleted or they were reordered`,
      );
    }
    if (auditEntryHash(contentOf(entry)) !== entry.hash) {
      return broken(`entry ${entry.seq} was changed after it was recorded: its content no longer matches its hash`);
    }
    prevHash = entry.hash;
    prevSeq = entry.seq;
  }
  return { ok: true, count: entries.length };
}
