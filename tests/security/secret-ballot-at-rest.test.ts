import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { installDatabase, openDatabase, type Db } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { openFreshPostgres, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute, okJson } from '../integration/route-caller';
import { delegationIds, paragraphsOf, resolutionAtVoting, tokenFor } from '../integration/procedure-fixtures';

/**
 * Issue 11 §2: after a secret vote, nothing stored links a delegation to its choice — not
 * the rows, not the write-ahead log, not the audit. The vote runs through the API; then
 * every byte the database wrote is searched for a delegation (its id as text or as the
 * 16 bytes PostgreSQL stores, or its name) with a choice (or the word "choice") near it.
 * The choices are yes and abstain only: "no" is too short to find without false alarms.
 */
const WINDOW = 64;

interface Voter {
  id: string;
  name: string;
}

/**
 * The server's WAL is shared with every other database on it (other suites vote as the
 * same demo delegations, by name): there only the ids, random per database, are ours.
 */
function encodingsOf(voter: Voter, withName = true): Buffer[] {
  const ids = [Buffer.from(voter.id), Buffer.from(voter.id.replaceAll('-', ''), 'hex')];
  return withName ? [...ids, Buffer.from(voter.name)] : ids;
}

const CHOICE_MARKS = ['yes', 'abstain', 'choice'].map((w) => Buffer.from(w));

/** Every place in `bytes` where a voter's encoding has a choice mark within WINDOW bytes. */
function linksIn(bytes: Buffer, voters: readonly Voter[], where: string, withNames = true): string[] {
  const found: string[] = [];
  for (const voter of voters) {
    for (const encoding of encodingsOf(voter, withNames)) {
      for (let at = bytes.indexOf(encoding); at >= 0; at = bytes.indexOf(encoding, at + 1)) {
        const near = bytes.subarray(Math.max(0, at - WINDOW), Math.min(bytes.length, at + encoding.length + WINDOW));
        for (const mark of CHOICE_MARKS) {
          if (near.includes(mark)) found.push(`${where}: ${voter.name} near "${mark}"`);
        }
      }
    }
  }
  return found;
}

/** Rows of a raw query on either engine (postgres-js answers an array, PGlite { rows }). */
async function query<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  const out = (await db.execute(statement)) as unknown as T[] | { rows: T[] };
  return Array.isArray(out) ? out : out.rows;
}

/**
 * Every row of every table, as text, with what differs from one act to the next whatever
 * it was (ids, times, hashes, sealed bytes, the audit's sequence number) masked.
 */
async function snapshot(db: Db): Promise<Set<string>> {
  const tables = await query<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public'`,
  );
  const out = new Set<string>();
  for (const { name } of tables) {
    const rows = await query<{ row: string }>(db, sql`select t::text as row from ${sql.identifier(name)} t`);
    for (const { row } of rows) out.add(`${name} ${row}`);
  }
  return out;
}

function masked(row: string): string {
  return row
    .replace(/^(audit_events )\(\d+,/, '$1(SEQ,')
    .replace(/\\{1,2}x[0-9a-f]+/g, 'BYTES')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID')
    .replace(/[0-9a-f]{32,}/g, 'HASH')
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:\d{2})?)?/g, 'TIME');
}

/** What an act wrote, as someone diffing the files or the WAL around its transaction sees it. */
function writtenBetween(before: Set<string>, after: Set<string>): string[] {
  return [...after]
    .filter((r) => !before.has(r))
    .map(masked)
    .sort();
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe.each(testDatabaseKinds())('a secret vote on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let dataDir = '';
  let walStart = '';
  let voteId = '';
  const voters: Voter[] = [];
  const token: Record<string, string> = {};
  const expected = { yes: 0, no: 0, abstain: 0 };
  const castAlone = new Set<string>();

  beforeAll(async () => {
    if (kind === 'pglite') {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-secret-'));
      database = Object.assign(await openDatabase({ dataDir }), { label: 'pglite' as const });
    } else {
      database = await openFreshPostgres();
    }
    db = database.db;
    await installDatabase(Promise.resolve(database));
    process.env.NEXTAUTH_SECRET ||= 'test-secret';
    const { committeeId } = await seedDemo(db);
    for (const who of ['chair', 'secretariat', 'iran']) token[who] = await tokenFor(db, who);
    const byName = await delegationIds(db, committeeId);
    voters.push(...Object.entries(byName).map(([name, id]) => ({ id, name })));
    const resolution = await resolutionAtVoting(db, committeeId);
    const paragraphId = (await paragraphsOf(db, resolution.id))[1].id;
    if (kind === 'postgres') {
      const rows = await query<{ lsn: string }>(db, sql`select pg_current_wal_lsn()::text as lsn`);
      walStart = rows[0].lsn;
    }
    ({ id: voteId } = await okJson<{ id: string }>(
      callRoute('POST', '/resolutions/{id}/votes', {
        token: token.chair,
        params: { id: resolution.id },
        body: { subject: { kind: 'paragraph', paragraphId }, method: 'secret' },
      }),
    ));
  });
  afterAll(async () => {
    await database?.close().catch(() => {});
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // A ballot written alone is its own transaction: whatever it changes beside its delegation's
  // participation must not depend on its choice, or a diff around it links the two.
  it('a lone ballot writes the same whatever its choice: nothing to diff around its transaction', async () => {
    const written: string[][] = [];
    for (const [who, choice] of [
      ['iran', 'yes'],
      ['thailand', 'abstain'],
    ] as const) {
      token[who] ??= await tokenFor(db, who);
      // A token's first use is noted (api_tokens.last_used_at): every token used before the snapshot.
      for (const t of Object.values(token))
        await okJson(callRoute('GET', '/votes/{voteId}', { token: t, params: { voteId } }));
      await expect
        .poll(async () => {
          const [{ n }] = await query<{ n: number }>(
            db,
            sql`select count(*)::int as n from api_tokens where last_used_at is null`,
          );
          return n;
        })
        .toBe(0);
      const before = await snapshot(db);
      const cast = await okJson<{ ballotsCast: number; tally: unknown }>(
        callRoute('POST', '/votes/{voteId}/ballots', { token: token[who], params: { voteId }, body: { choice } }),
      );
      expect(cast.tally).toBeNull();
      written.push(writtenBetween(before, await snapshot(db)));
      expected[choice]++;
      castAlone.add(who === 'iran' ? 'Iran (Islamic Rep. of)' : 'Thailand');
    }
    // The same for either choice: its participation row and its audit entry, nothing else.
    expect(written[1]).toEqual(written[0]);
    expect(written[0].map((r) => r.split(' ')[0])).toEqual(['audit_events', 'ballots']);
  });

  it('records who voted and the totals; a second ballot is refused with 409 saying why', async () => {
    let i = 0;
    for (const voter of voters) {
      if (castAlone.has(voter.name)) continue;
      const choice = i++ % 3 === 0 ? 'abstain' : 'yes';
      await okJson(
        callRoute('POST', '/votes/{voteId}/ballots', {
          token: token.secretariat,
          params: { voteId },
          body: { choice, delegationId: voter.id },
        }),
      );
      expected[choice]++;
    }
    const again = await callRoute('POST', '/votes/{voteId}/ballots', {
      token: token.iran,
      params: { voteId },
      body: { choice: 'abstain' },
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/secret ballot cannot be changed/);

    const shown = await okJson<{
      ownBallotCast: boolean;
      ownChoice: string | null;
      tally: unknown;
      ballotsCast: number;
    }>(callRoute('GET', '/votes/{voteId}', { token: token.iran, params: { voteId } }));
    expect(shown).toMatchObject({ ownBallotCast: true, ownChoice: null, tally: null, ballotsCast: voters.length });

    const closed = await okJson<{ vote: { result: { totals: unknown; ballotsCast: number } } }>(
      callRoute('POST', '/votes/{voteId}/close', { token: token.chair, params: { voteId }, body: {} }),
    );
    expect(closed.vote.result).toMatchObject({ totals: expected, ballotsCast: voters.length });
  });

  it('leaves no delegation beside its choice in any row or audit entry', async () => {
    const tables = await query<{ name: string }>(
      db,
      sql`select tablename as name from pg_tables where schemaname = 'public'`,
    );
    const links: string[] = [];
    for (const { name } of tables) {
      const rows = await query<{ row: string }>(db, sql`select t::text as row from ${sql.identifier(name)} t`);
      for (const { row } of rows) links.push(...linksIn(Buffer.from(row), voters, `table ${name}`));
    }
    expect(links).toEqual([]);
  });

  it.runIf(kind === 'postgres')('leaves no delegation beside its choice in the write-ahead log', async () => {
    const [{ first, last }] = await query<{ first: string; last: string }>(
      db,
      sql`select pg_walfile_name(${walStart}::pg_lsn) as first, pg_walfile_name(pg_current_wal_lsn()) as last`,
    );
    const segments = await query<{ name: string }>(
      db,
      sql`select name from pg_ls_waldir() where name >= ${first} and name <= ${last} order by name`,
    );
    expect(segments.length).toBeGreaterThan(0);
    const links: string[] = [];
    for (const { name } of segments) {
      const [{ bytes }] = await query<{ bytes: Buffer | Uint8Array }>(
        db,
        sql`select pg_read_binary_file(${`pg_wal/${name}`}) as bytes`,
      );
      links.push(...linksIn(Buffer.from(bytes), voters, `pg_wal/${name}`, false));
    }
    expect(links).toEqual([]);
  });

  it.runIf(kind === 'pglite')('leaves no delegation beside its choice in any file of the data folder', async () => {
    await database.close(); // everything on disk, as after a stop
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.includes(`${path.sep}pg_wal${path.sep}`))).toBe(true);
    const links: string[] = [];
    for (const file of files) links.push(...linksIn(fs.readFileSync(file), voters, path.relative(dataDir, file)));
    expect(links).toEqual([]);
  });
});
