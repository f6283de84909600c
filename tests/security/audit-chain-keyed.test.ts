import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDatabase, type Db } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { keyAuditChain } from '@/db/commands/audit-recorder';
import { verifyAuditChain } from '@/db/queries/audit';
import { AUDIT_KEY_FILE } from '@/db/audit-key';
import { runCliCommand } from '@/cli/commands';
import { canonicalJson, GENESIS_HASH } from '@/lib/audit/chain';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute, okJson } from '../integration/route-caller';
import { resolutionAtVoting, tokenFor } from '../integration/procedure-fixtures';

/**
 * Issue 11, "The record cannot be rewritten quietly": before, changing an entry and
 * recomputing the unkeyed SHA-256 chain left `audit verify` saying "intact". The chain is
 * now an HMAC under a key kept outside the database; these attacks are made with full write
 * access to the database, as that attacker would have, but without the key.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-audit-'));
const savedDataDir = process.env.CONCORD_DATA_DIR;
const savedKey = process.env.CONCORD_AUDIT_KEY;
beforeAll(() => {
  process.env.CONCORD_DATA_DIR = dataDir;
  delete process.env.CONCORD_AUDIT_KEY;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.CONCORD_DATA_DIR;
  else process.env.CONCORD_DATA_DIR = savedDataDir;
  if (savedKey !== undefined) process.env.CONCORD_AUDIT_KEY = savedKey;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Row = typeof auditEvents.$inferSelect;
const plain = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const contentOf = (r: Row) => ({
  committeeId: r.committeeId,
  resolutionId: r.resolutionId,
  actorId: r.actorId,
  action: r.action,
  details: r.details,
  at: r.at.toISOString(),
});

/** What the attacker does: rewrite every stored hash as the old, unkeyed SHA-256 chain. */
async function recomputePlainChain(db: Db) {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  let prevHash = GENESIS_HASH;
  for (const r of rows) {
    const hash = plain(canonicalJson({ prevHash, ...contentOf(r) }));
    await db.update(auditEvents).set({ prevHash, hash }).where(eq(auditEvents.seq, r.seq));
    prevHash = hash;
  }
}

async function cli(db: Db, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCliCommand(argv, {
    db,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: () => new Uint8Array(),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

for (const kind of testDatabaseKinds()) {
  describe(`the keyed audit chain on ${kind}`, () => {
    let database: TestDatabase;
    let db: Db;
    let committeeId: string;
    const token: Record<string, string> = {};

    beforeAll(async () => {
      database = await openTestDatabase(kind);
      db = database.db;
      await installDatabase(Promise.resolve(database));
      process.env.NEXTAUTH_SECRET ||= 'test-secret';
      ({ committeeId } = await seedDemo(db));
      for (const who of ['chair', 'secretariat', 'iran']) token[who] = await tokenFor(db, who);
    });
    afterAll(() => database?.close());

    /** A resolution adopted and published through the API: a dozen acts in the chain. */
    async function published() {
      const resolution = await resolutionAtVoting(db, committeeId);
      await okJson(
        callRoute('POST', '/resolutions/{id}/adoption', {
          token: token.chair,
          params: { id: resolution.id },
          body: { method: 'consensus', date: '2010-04-01', place: 'Bangkok' },
        }),
      );
      await okJson(
        callRoute('POST', '/resolutions/{id}/publication', { token: token.secretariat, params: { id: resolution.id } }),
      );
      return resolution;
    }

    it('keeps its key outside the database, in a file only the server user can read', async () => {
      await published();
      const file = path.join(dataDir, AUDIT_KEY_FILE);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const key = fs.readFileSync(file, 'utf8').trim();
      const dump = JSON.stringify(await db.execute(sql`select * from settings`));
      expect(dump).not.toContain(key);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('reports an entry rewritten with the unkeyed SHA-256 chain recomputed (API and CLI)', async () => {
      await published();
      const [target] = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'resolution.adopted'))
        .orderBy(asc(auditEvents.seq))
        .limit(1);
      await db
        .update(auditEvents)
        .set({ details: { ...(target.details as object), method: 'vote' } })
        .where(eq(auditEvents.seq, target.seq));
      await recomputePlainChain(db);

      const verdict = await verifyAuditChain(db);
      expect(verdict.ok).toBe(false);
      const api = await okJson<{ ok: boolean }>(
        callRoute('GET', '/resolutions/{id}/audit/verify', { token: token.iran, params: { id: target.resolutionId! } }),
      );
      expect(api.ok).toBe(false);
      const run = await cli(db, ['audit', 'verify']);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/The audit chain is broken at entry \d+/);
    });
  });
}

describe('a chain recorded before the key existed', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    db = database.db;
    const { committeeId } = await seedDemo(db);
    await db.delete(auditEvents); // whatever seeding recorded: this chain is all old
    // What an older Concord stored: plain SHA-256 links.
    let prevHash = GENESIS_HASH;
    for (let i = 0; i < 5; i++) {
      const content = {
        committeeId,
        resolutionId: null,
        actorId: null,
        action: 'resolution.stage_changed',
        details: { n: i },
        at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      };
      const hash = plain(canonicalJson({ prevHash, ...content }));
      await db.insert(auditEvents).values({ ...content, at: new Date(content.at), prevHash, hash });
      prevHash = hash;
    }
  });
  afterAll(() => database?.close());

  it('is sealed at start by a first keyed entry, stays verifiable, and its old entries are pinned', async () => {
    expect(await keyAuditChain(db)).toBe('sealed-legacy');
    expect(await keyAuditChain(db)).toBe('keyed');
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 6 });
    const [anchor] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'audit.chain_keyed'));
    expect(anchor.details).toMatchObject({ algorithm: 'HMAC-SHA256', legacyEntries: 5 });

    // An old entry changed, and the plain hashes after it recomputed up to the keyed one.
    const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    await db
      .update(auditEvents)
      .set({ details: { n: 99 } })
      .where(eq(auditEvents.seq, rows[1].seq));
    let prevHash = rows[0].hash;
    for (const r of rows.slice(1, 5)) {
      const content = { ...contentOf(r), details: r.seq === rows[1].seq ? { n: 99 } : r.details };
      const hash = plain(canonicalJson({ prevHash, ...content }));
      await db.update(auditEvents).set({ prevHash, hash }).where(eq(auditEvents.seq, r.seq));
      prevHash = hash;
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtSeq: anchor.seq });
  });
});

describe('the export', () => {
  let database: TestDatabase;
  let db: Db;
  const token: Record<string, string> = {};
  let resolutionId: string;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    db = database.db;
    await installDatabase(Promise.resolve(database));
    process.env.NEXTAUTH_SECRET ||= 'test-secret';
    const { committeeId } = await seedDemo(db);
    for (const who of ['chair', 'secretariat', 'iran']) token[who] = await tokenFor(db, who);
    const resolution = await resolutionAtVoting(db, committeeId);
    resolutionId = resolution.id;
    await okJson(
      callRoute('POST', '/resolutions/{id}/adoption', {
        token: token.chair,
        params: { id: resolution.id },
        body: { method: 'consensus', date: '2010-04-01', place: 'Bangkok' },
      }),
    );
    await okJson(
      callRoute('POST', '/resolutions/{id}/publication', { token: token.secretariat, params: { id: resolutionId } }),
    );
  });
  afterAll(() => database?.close());

  interface Exported {
    algorithm: string;
    count: number;
    entries: (Record<string, unknown> & { seq: number; prevHash: string; hash: string; contentDigest: string })[];
  }

  /** An outside party's check, written from the README's description alone (not Concord's code). */
  function outsideCheck(chain: Exported, key: string): boolean {
    let prev = '0'.repeat(64);
    for (const e of chain.entries) {
      if (e.prevHash !== prev) return false;
      if (!e.withheld) {
        const { committeeId, resolutionId, actorId, action, details, at } = e;
        const digest = plain(canonicalJson({ committeeId, resolutionId, actorId, action, details, at }));
        if (digest !== e.contentDigest) return false;
      }
      const mac = createHmac('sha256', Buffer.from(key, 'utf8'))
        .update(`concord-audit-v2\n${e.prevHash}\n${e.contentDigest}`, 'utf8')
        .digest('hex');
      if (mac !== e.hash) return false;
      prev = e.hash;
    }
    return true;
  }

  it('lets the chair (not a member) download a chain that checks with the key, published text hash included', async () => {
    const refused = await callRoute('GET', '/resolutions/{id}/audit/export', {
      token: token.iran,
      params: { id: resolutionId },
    });
    expect(refused.status).toBe(403);
    const chain = await okJson<Exported>(
      callRoute('GET', '/resolutions/{id}/audit/export', { token: token.chair, params: { id: resolutionId } }),
    );
    expect(chain.count).toBeGreaterThan(3);
    const key = fs.readFileSync(path.join(dataDir, AUDIT_KEY_FILE), 'utf8').trim();
    expect(outsideCheck(chain, key)).toBe(true);
    expect(outsideCheck(chain, 'x'.repeat(43))).toBe(false);

    // The published text's SHA-256 is in the chain and matches the text served.
    const publication = chain.entries.find((e) => e.action === 'resolution.published');
    const served = await okJson<{ text: string }>(
      callRoute('GET', '/resolutions/{id}/published', { token: token.iran, params: { id: resolutionId } }),
    );
    expect(publication).toBeDefined();
    expect((publication!.details as { textSha256: string }).textSha256).toBe(plain(served.text));

    // An edited entry in the export no longer checks.
    const edited = structuredClone(chain);
    const target = edited.entries.find((e) => e.action === 'resolution.adopted')!;
    target.details = { ...(target.details as object), method: 'vote' };
    expect(outsideCheck(edited, key)).toBe(false);

    // The CLI prints the same chain.
    const run = await cli(db, ['audit', 'export']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as Exported).entries.map((e) => e.hash)).toEqual(chain.entries.map((e) => e.hash));
  });
});
