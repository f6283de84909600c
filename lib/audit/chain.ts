/**
 * The audit log is append-only, and each entry carries the hash of the one before it
 * (DESIGN.md, "Versions and audit"). Changing, deleting or reordering a row therefore
 * breaks the chain from that row on, and `verifyChain` says where.
 *
 * The chain is keyed (issue 11.5): an entry's hash is an HMAC-SHA256 under a key kept
 * outside the database (db/audit-key.ts), so someone who can write to the database but does
 * not hold the key cannot recompute the hashes after changing an entry — with a plain
 * SHA-256 chain they could, and the chain read as intact. The keyed hash is
 *
 *   HMAC-SHA256(key, "concord-audit-v2\n" + prevHash + "\n" + SHA-256(canonical JSON of the content))
 *
 * (hex digests; the content is committeeId, resolutionId, actorId, action, details, at). The
 * content enters as its digest so that an export can leave out the content of entries the
 * reader may not see and still be checked link by link (`contentDigest`).
 *
 * Entries recorded before the chain was keyed keep their plain SHA-256 hashes (see
 * `legacyEntryHash`); the first keyed entry (an "audit.chain_keyed" act, appended at the
 * first start with a key) chains to the last of them, which pins all of them: changing one
 * changes the plain hashes up to that keyed link, which then no longer follows.
 *
 * The hash covers a canonical JSON of the entry (object keys sorted at every depth, no
 * whitespace), because `details` is stored as jsonb, which does not keep key order: the
 * same entry must hash the same once read back from the database.
 *
 * What a chain cannot show on its own: the loss of the LAST entries (truncation) leaves a
 * shorter but valid chain. Compare `count` (or the head hash) with a copy kept elsewhere
 * when that matters.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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

/** The hash of an entry recorded before the chain was keyed: SHA-256 of its canonical JSON. */
export function legacyEntryHash(entry: AuditEntryContent): string {
  const { seq, ...rest } = entry;
  const content = seq === undefined ? rest : entry;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
/** @deprecated the unkeyed hash; kept under its old name for readers of old chains. */
export const auditEntryHash = legacyEntryHash;

export const KEYED_CHAIN_ACTION = 'audit.chain_keyed';
const KEYED_PREFIX = 'concord-audit-v2';

type Content = Omit<AuditEntryContent, 'prevHash' | 'seq'>;

/** SHA-256 (hex) of the canonical JSON of what an entry says, without its link. */
export function contentDigest(content: Content): string {
  const { committeeId, resolutionId, actorId, action, details, at } = content;
  return createHash('sha256')
    .update(canonicalJson({ committeeId, resolutionId, actorId, action, details, at }), 'utf8')
    .digest('hex');
}

/** The keyed hash of an entry, from its link and its content's digest. */
export function keyedLinkHash(key: Uint8Array, prevHash: string, digest: string): string {
  return createHmac('sha256', key).update(`${KEYED_PREFIX}\n${prevHash}\n${digest}`, 'utf8').digest('hex');
}

/** The keyed hash the recorder stores for a new entry. */
export function sealEntry(key: Uint8Array, entry: AuditEntryContent): string {
  return keyedLinkHash(key, entry.prevHash, contentDigest(entry));
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
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

/** Whether `entry`'s stored hash is its keyed hash. */
export function isSealed(key: Uint8Array, entry: StoredAuditEntry): boolean {
  return sameHex(sealEntry(key, contentOf(entry)), entry.hash);
}

/** Whether `entry`'s stored hash is its plain (pre-key) hash. */
export function isLegacy(entry: StoredAuditEntry): boolean {
  return legacyEntryHash(contentOf(entry)) === entry.hash;
}

/**
 * An entry as the chain needs it to be checked: its link and hash, and either its content or
 * only the content's digest (an entry the reader may not see, in an export).
 */
export type LinkToCheck =
  | { seq: number; prevHash: string; hash: string; content: Content }
  | { seq: number; prevHash: string; hash: string; contentDigest: string };

/**
 * Checks entries read in seq order (`order by seq`) under `key`. Finds, by the first entry
 * where the chain breaks:
 * - a changed row: its recomputed hash differs from the stored one (with or without plain
 *   hashes recomputed after it: the next keyed link no longer follows);
 * - a deleted row: the next entry's prevHash is not the hash of the entry before it;
 * - reordered rows: seq not increasing, or (after renumbering) prevHash links that no
 *   longer follow;
 * - a chain that is not keyed at all (every hash plain): rewritten by someone without the key.
 * Plain-hashed entries are accepted only before the first keyed one.
 */
export function verifyChain(entries: readonly StoredAuditEntry[], key: Uint8Array): ChainVerification {
  return verifyLinks(
    entries.map((e) => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash, content: contentOf(e) })),
    key,
  );
}

/**
 * A plain-hashed entry before the key: checked from its content; one withheld from an export
 * cannot be, and only its link counts (the first keyed entry pins it all the same).
 */
function legacyHashMatches(entry: LinkToCheck): boolean {
  if (!('content' in entry)) return true;
  return legacyEntryHash({ prevHash: entry.prevHash, ...entry.content }) === entry.hash;
}

export function verifyLinks(entries: readonly LinkToCheck[], key: Uint8Array): ChainVerification {
  let prevHash = GENESIS_HASH;
  let prevSeq = -Infinity;
  let keyed = false;
  for (const entry of entries) {
    const broken = (reason: string): ChainVerification => ({ ok: false, brokenAtSeq: entry.seq, reason });
    if (!(entry.seq > prevSeq))
      return broken(`entry ${entry.seq} comes after entry ${prevSeq}: the entries are out of order`);
    if (entry.prevHash !== prevHash) {
      return broken(
        prevHash === GENESIS_HASH
          ? `entry ${entry.seq} is the first but does not start the chain: entries before it are missing`
          : `entry ${entry.seq} does not follow entry ${prevSeq}: an entry before it was changed or deleted, or they were reordered`,
      );
    }
    const digest = 'content' in entry ? contentDigest(entry.content) : entry.contentDigest;
    if (sameHex(keyedLinkHash(key, entry.prevHash, digest), entry.hash)) {
      keyed = true;
    } else if (keyed || !legacyHashMatches(entry)) {
      return broken(
        `entry ${entry.seq} was changed after it was recorded: its content no longer matches its keyed hash`,
      );
    }
    prevHash = entry.hash;
    prevSeq = entry.seq;
  }
  if (entries.length > 0 && !keyed) {
    const last = entries[entries.length - 1];
    return {
      ok: false,
      brokenAtSeq: last.seq,
      reason: `no entry is sealed with the audit key: the chain was rewritten without it, or the key is not the one it was recorded with`,
    };
  }
  return { ok: true, count: entries.length };
}
