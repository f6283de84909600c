import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BALLOT_KEY_FILE, openChoice, sealChoice, UnopenableBallot } from '@/db/ballot-seal';

/** A secret ballot's sealed choice (db/ballot-seal.ts): opaque, bound to its row, one length. */
describe('the seal of a secret ballot', () => {
  const saved = { dir: process.env.CONCORD_DATA_DIR, key: process.env.CONCORD_BALLOT_KEY };
  let dir = '';
  const vote = '6f1f2c8e-3c8e-4d1a-9b55-0c7d0a1e2f30';
  const delegation = '0b8a6a1c-1f7e-4c2b-8f3d-7a9e5d4c3b21';

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-seal-'));
    process.env.CONCORD_DATA_DIR = dir;
    delete process.env.CONCORD_BALLOT_KEY;
  });
  afterAll(() => {
    process.env.CONCORD_DATA_DIR = saved.dir;
    if (saved.key !== undefined) process.env.CONCORD_BALLOT_KEY = saved.key;
    else delete process.env.CONCORD_BALLOT_KEY;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens to the choice it sealed; every choice seals to the same length, never twice the same', () => {
    const seals = (['yes', 'no', 'abstain'] as const).map((c) => sealChoice(vote, delegation, c));
    expect(new Set(seals.map((s) => s.length)).size).toBe(1);
    expect(seals.map((s) => openChoice(vote, delegation, s))).toEqual(['yes', 'no', 'abstain']);
    expect(Buffer.from(sealChoice(vote, delegation, 'yes')).equals(Buffer.from(seals[0]))).toBe(false);
  });

  it('keeps its key in the data folder for the server user only (0600)', () => {
    sealChoice(vote, delegation, 'yes');
    expect(fs.statSync(path.join(dir, BALLOT_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('does not open in another row, another vote, or when changed', () => {
    const seal = sealChoice(vote, delegation, 'yes');
    expect(() => openChoice(vote, vote, seal)).toThrow(UnopenableBallot);
    expect(() => openChoice(delegation, delegation, seal)).toThrow(UnopenableBallot);
    const changed = Buffer.from(seal);
    changed[changed.length - 20] ^= 1;
    expect(() => openChoice(vote, delegation, changed)).toThrow(UnopenableBallot);
  });

  it('does not open under another key (CONCORD_BALLOT_KEY)', () => {
    const seal = sealChoice(vote, delegation, 'no');
    process.env.CONCORD_BALLOT_KEY = 'another-installation-key-of-32-characters-or-more';
    try {
      expect(() => openChoice(vote, delegation, seal)).toThrow(UnopenableBallot);
      expect(openChoice(vote, delegation, sealChoice(vote, delegation, 'no'))).toBe('no');
    } finally {
      delete process.env.CONCORD_BALLOT_KEY;
    }
  });
});
