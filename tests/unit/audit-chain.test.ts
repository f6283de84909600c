import { describe, it, expect } from 'vitest';
import { auditEntryHash, canonicalJson, GENESIS_HASH, verifyChain, type StoredAuditEntry } from '../../lib/audit/chain';

const committeeId = '7d1c8a52-3f5e-4f7e-9d51-8f6a1c2b3d4e';
const resolutionId = '2b9e4c1a-6d7f-4a8b-9c0d-1e2f3a4b5c6d';

/** Builds a valid chain the way db/commands/audit-recorder.ts does: hash first, seq assigned on insert. */
function chainOf(acts: { action: string; details: Record<string, unknown> }[]): StoredAuditEntry[] {
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
    const hash = auditEntryHash({ prevHash, ...content });
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
    expect(verifyChain(chainOf(acts))).toEqual({ ok: true, count: 4 });
    expect(verifyChain([])).toEqual({ ok: true, count: 0 });
  });

  it('accepts rows as the database returns them: Dates, and jsonb with its keys reordered', () => {
    const rows = chainOf(acts).map((e) => ({
      ...e,
      at: new Date(e.at),
      details: Object.fromEntries(Object.entries(e.details as object).reverse()),
    }));
    expect(verifyChain(rows)).toEqual({ ok: true, count: 4 });
  });

  it('detects a changed row', () => {
    const entries = chainOf(acts);
    entries[2] = { ...entries[2], details: { pollId: 'v-1', delegationId: 'd-iran', choice: 'yes' } };
    const result = verifyChain(entries);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 3 });
    expect(!result.ok && result.reason).toMatch(/changed/);
  });

  it('detects a changed row even when its hash was recomputed, at the row after it', () => {
    const entries = chainOf(acts);
    const forged = { ...entries[1], actorId: 'someone-else' };
    const { seq: _seq, hash: _hash, ...content } = forged;
    forged.hash = auditEntryHash({ ...content, at: String(content.at) });
    entries[1] = forged;
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it('detects a deleted row', () => {
    const entries = chainOf(acts);
    const result = verifyChain([entries[0], entries[1], entries[3]]);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 4 });
    expect(!result.ok && result.reason).toMatch(/deleted/);
    expect(verifyChain(entries.slice(1))).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('detects reordered rows, whether or not seq was renumbered', () => {
    const entries = chainOf(acts);
    // Reported at the first row out of place: here the one with seq 3, read second.
    expect(verifyChain([entries[0], entries[2], entries[1], entries[3]])).toMatchObject({ ok: false, brokenAtSeq: 3 });
    const renumbered = [entries[0], { ...entries[2], seq: 2 }, { ...entries[1], seq: 3 }, entries[3]];
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });
});
