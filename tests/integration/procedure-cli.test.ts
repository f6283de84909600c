import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditEvents } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { declareAdoption } from '@/db/commands/adoption-declarer';
import { runCliCommand, type CliIo } from '@/cli/commands';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { resolutionAtVoting, stateOf, userId } from './procedure-fixtures';

/** `concord audit verify`, `audit log` and `published export`, run on a real database. */
describe('procedure commands of the CLI', () => {
  let database: TestDatabase;
  let resolutionId: string;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const { committeeId } = await seedDemo(database.db);
    const r = await resolutionAtVoting(database.db, committeeId);
    await declareAdoption(database.db, {
      resolutionId: r.id,
      method: 'consensus',
      date: '2010-04-01',
      place: 'Bangkok',
      actorId: await userId(database.db, 'chair'),
      state: await stateOf(database.db, r.id),
    });
    resolutionId = r.id;
  });
  afterAll(() => database?.close());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      db: database.db,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: () => new Uint8Array(),
    };
    const code = await runCliCommand(argv, io);
    return { code, out, err };
  }

  it('prints the published text of an adopted resolution, and refuses a draft saying why', async () => {
    const text = await run('published', 'export', resolutionId);
    expect(text.code).toBe(0);
    expect(text.out.slice(0, 2)).toEqual([
      'Resolution adopted by consensus by the 122nd IPU Assembly',
      '(Bangkok, 1 April 2010)',
    ]);
    const akn = await run('published', 'export', resolutionId, '--format', 'akn');
    expect(akn.out.join('\n')).toContain('<statement name="resolution">');
    expect((await run('published', 'export', resolutionId, '--format', 'pdf')).code).toBe(2);
  });

  it('audit verify passes on an intact log and names the entry changed behind its back', async () => {
    expect(await run('audit', 'verify')).toMatchObject({
      code: 0,
      out: [expect.stringMatching(/^The audit chain is intact: \d+ entries verified\.$/)],
    });
    const log = await run('audit', 'log', resolutionId);
    expect(log.out.map((l) => l.split('\t')[2])).toEqual(['resolution.imported', 'resolution.adopted']);
    const seq = Number(log.out[1].split('\t')[0]);
    await database.db
      .update(auditEvents)
      .set({ details: sql`jsonb_set(details, '{place}', '"Geneva"')` })
      .where(eq(auditEvents.seq, seq));
    const broken = await run('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.err[0]).toBe(
      `error: The audit chain is broken at entry ${seq}: entry ${seq} was changed after it was recorded: its content no longer matches its keyed hash.`,
    );
  });
});
