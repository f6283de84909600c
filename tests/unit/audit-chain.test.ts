import { describe, it, expect } from 'vitest';
import {
  auditEntryHash,
  canonicalJson,
  contentDigest,
  GENESIS_HASH,
  legacyEntryHash,
  sealEntry,
  verifyChain,
  verifyLinks,
  type StoredAuditEntry,
} from '../../lib/audit/chain';

const KEY = Buffer.from('a-test-key-of-at-least-thirty-two-characters');

const committeeId = '7d1c8a52-3f5e-4f7e-9d51-8f6a1c2b3d4e';
const resolutionId = '2b9e4c1a-6d7f-4a8b-9c0d-1e2f3a4b5c6d';

/**
 * Builds a valid chain the way db/commands/audit-recorder.ts does: hash first, seq assigned
 * on insert. The first `legacy` entries get plain hashes, as recorded before the key existed.
 */
function chainOf(
  acts: { action: string; details: Record<string, unknown> }[],
  legacy = 0,
  key: Uint8Array = KEY,
): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  acts.forEach((act, i) => {
    const content = {
      committeeId,
      resolutionId,
      actorId: 'user-1',
      action: act.action,
      details: act.details,
      at: new Date(Date.UTC(2010, 3, 1, 10, i)).toISOString(),
    };
    const hash = i < legacy ? legacyEntryHash({ prevHash, ...content }) : sealEntry(key, { prevHash, ...content });
    entries.push({ seq: i + 1, prevHash, hash, ...content });
    prevHash = hash;
  });
  return entries;
}

const acts = [
  { action: 'resolution.stage_changed', details: { from: 'drafting', to: 'amendments' } },
  { action: 'amendment.tabled', details: { amendmentId: 'a-1', number: 'A/1' } },
  { action: 'ballot.cast', details: { pollId: 'v-1', delegationId: 'd-iran', choice: 'no' } },
  { action: 'resolution.adopted', details: { method: 'consensus' } },
];

describe('auditEntryHash', () => {
  it('is a sha256 hex digest, and the genesis hash is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    const hash = auditEntryHash({
      prevHash: GENESIS_HASH,
      committeeId,
      resolutionId: null,
      actorId: null,
      action: 'x',
      details: {},
      at: '2010-04-01T00:00:00.000Z',
    });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, since jsonb does not keep it', () => {
    const base = {
      prevHash: GENESIS_HASH,
      committeeId,
      resolutionId,
      actorId: null,
      action: 'ballot.cast',
      at: '2010-04-01T00:00:00.000Z',
    };
    const a = auditEntryHash({ ...base, details: { choice: 'yes', vote: { b: 2, a: 1 } } });
    const b = auditEntryHash({ ...base, details: { vote: { a: 1, b: 2 }, choice: 'yes' } });
    expect(a).toBe(b);
    expect(canonicalJson({ b: [1, { d: 1, c: undefined }], a: 'x' })).toBe('{"a":"x","b":[1,{"d":1}]}');
  });

  it('covers every field: the previous hash, the act, its details and its time', () => {
    const base = {
      prevHash: GENESIS_HASH,
      committeeId,
      resolutionId,
      actorId: 'u',
      action: 'a',
      details: { n: 1 },
      at: '2010-04-01T00:00:00.000Z',
    };
    const hash = auditEntryHash(base);
    expect(auditEntryHash({ ...base, prevHash: 'f'.repeat(64) })).not.toBe(hash);
    expect(auditEntryHash({ ...base, actorId: 'v' })).not.toBe(hash);
    expect(auditEntryHash({ ...base, details: { n: 2 } })).not.toBe(hash);
    expect(auditEntryHash({ ...base, at: '2010-04-01T00:00:00.001Z' })).not.toBe(hash);
    expect(auditEntryHash({ ...base, seq: 1 })).not.toBe(hash);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain, and the empty one', () => {
    expect(verifyChain(chainOf(acts), KEY)).toEqual({ ok: true, count: 4 });
    expect(verifyChain([], KEY)).toEqual({ ok: true, count: 0 });
  });

  it('accepts rows as the database returns them: Dates, and jsonb with its keys reordered', () => {
    const rows = chainOf(acts).map((e) => ({
      ...e,
      at: new Date(e.at),
      details: Object.fromEntries(Object.entries(e.details as object).reverse()),
    }));
    expect(verifyChain(rows, KEY)).toEqual({ ok: true, count: 4 });
  });

  it('detects a changed row', () => {
    const entries = chainOf(acts);
    entries[2] = { ...entries[2], details: { pollId: 'v-1', delegationId: 'd-iran', choice: 'yes' } };
    const result = verifyChain(entries, KEY);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 3 });
    expect(!result.ok && result.reason).toMatch(/changed/);
  });

  it('detects a changed row even when its hash was recomputed, at the row after it', () => {
    const entries = chainOf(acts);
    const forged = { ...entries[1], actorId: 'someone-else' };
    const { seq: _seq, hash: _hash, ...content } = forged;
    forged.hash = sealEntry(KEY, { ...content, at: String(content.at) });
    entries[1] = forged;
    expect(verifyChain(entries, KEY)).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it('detects a deleted row', () => {
    const entries = chainOf(acts);
    const result = verifyChain([entries[0], entries[1], entries[3]], KEY);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 4 });
    expect(!result.ok && result.reason).toMatch(/deleted/);
    expect(verifyChain(entries.slice(1), KEY)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('detects reordered rows, whether or not seq was renumbered', () => {
    const entries = chainOf(acts);
    // Reported at the first row out of place: here the one with seq 3, read second.
    expect(verifyChain([entries[0], entries[2], entries[1], entries[3]], KEY)).toMatchObject({
      ok: false,
      brokenAtSeq: 3,
    });
    const renumbered = [entries[0], { ...entries[2], seq: 2 }, { ...entries[1], seq: 3 }, entries[3]];
    expect(verifyChain(renumbered, KEY)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });
});

/** Recomputes every plain SHA-256 hash from `from` on, as someone without the key would. */
function rehashPlain(entries: StoredAuditEntry[], from: number): StoredAuditEntry[] {
  const out = entries.map((e) => ({ ...e }));
  for (let i = from; i < out.length; i++) {
    if (i > 0) out[i].prevHash = out[i - 1].hash;
    const { seq: _seq, hash: _hash, ...content } = out[i];
    out[i].hash = legacyEntryHash({ ...content, at: String(content.at) });
  }
  return out;
}

describe('the keyed chain (issue 11.5)', () => {
  it('detects an entry rewritten with every plain hash after it recomputed', () => {
    const entries = chainOf(acts);
    entries[2] = { ...entries[2], details: { pollId: 'v-1', delegationId: 'd-iran', choice: 'yes' } };
    const forged = rehashPlain(entries, 0);
    // The whole forged chain is a valid unkeyed SHA-256 chain — what fooled the old verify.
    expect(forged.every((e, i) => e.prevHash === (i ? forged[i - 1].hash : GENESIS_HASH))).toBe(true);
    const result = verifyChain(forged, KEY);
    expect(result.ok).toBe(false);
    expect(verifyChain(rehashPlain(chainOf(acts), 2), KEY)).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it('does not verify under another key', () => {
    expect(verifyChain(chainOf(acts), Buffer.from('another-key-of-at-least-thirty-two-chars'))).toMatchObject({
      ok: false,
    });
  });

  it('accepts plain entries from before the key, pinned by the first keyed one', () => {
    expect(verifyChain(chainOf(acts, 2), KEY)).toEqual({ ok: true, count: 4 });
    // A chain with no keyed entry at all is refused: it may have been rewritten without the key.
    expect(verifyChain(chainOf(acts, 4), KEY)).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });

  it('detects a plain entry from before the key rewritten, with the plain hashes after it recomputed', () => {
    const entries = chainOf(acts, 2);
    entries[0] = { ...entries[0], details: { from: 'drafting', to: 'voting' } };
    const forged = rehashPlain(entries.slice(0, 2), 0).concat(entries.slice(2));
    expect(verifyChain(forged, KEY)).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it('refuses a plain entry after the first keyed one', () => {
    const entries = chainOf(acts, 1);
    const forged = rehashPlain(entries, 3);
    expect(verifyChain(forged, KEY)).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });

  it('checks an export whose entries are partly withheld (link and digest only)', () => {
    const links = chainOf(acts).map((e, i) => {
      const { seq, prevHash, hash, ...rest } = e;
      const content = { ...rest, at: String(rest.at) };
      return i === 1
        ? { seq, prevHash, hash, contentDigest: contentDigest(content) }
        : { seq, prevHash, hash, content };
    });
    expect(verifyLinks(links, KEY)).toEqual({ ok: true, count: 4 });
    const lying = links.map((l, i) => (i === 1 ? { ...l, contentDigest: '0'.repeat(64) } : l));
    expect(verifyLinks(lying, KEY)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('keeps the old plain hash available under its old name', () => {
    expect(auditEntryHash).toBe(legacyEntryHash);
  });
});
