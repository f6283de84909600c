import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { installDatabase } from '@/db/client';
import { resolutions } from '@/db/schema';
import { seedDemo } from '@/db/commands/demo-seeder';
import { changeStage } from '@/db/commands/stage-changer';
import { loadDocState } from '@/db/queries/doc-state';
import { runCliCommand, type CliIo } from '@/cli/commands';
import { currentParagraphs } from '@/server/resolution-text';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/** The amendment procedure from the command line, acting as named members (issue 4). */
describe.each(testDatabaseKinds())('amendment commands of the CLI (%s)', (kind) => {
  let database: TestDatabase;
  let resolutionId: string;

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      db: database.db,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: () => new Uint8Array(),
    };
    return { code: await runCliCommand(argv, io), out, err };
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await installDatabase(Promise.resolve(database));
    resolutionId = (await seedDemo(database.db)).resolutionId;
  });
  afterAll(() => database?.close());

  it('refuses tabling before the amendments stage and leaves no draft behind', async () => {
    const r = await cli(
      'amendment',
      'draft',
      '--resolution',
      resolutionId,
      '--as',
      'iran@example.org',
      '--kind',
      'delete',
      '--paragraph',
      'OP 8',
      '--table',
    );
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(
      'error: Amendments can be tabled only at the amendments stage; the resolution is at the drafting stage.',
    );
    expect((await cli('amendment', 'list', '--resolution', resolutionId, '--as', 'chair@example.org')).out).toEqual([
      '(none)',
    ]);
  });

  it('drafts and tables by paragraph label, shows the voting order, and adopts into the text', async () => {
    const [resolution] = await database.db.select().from(resolutions).where(eq(resolutions.id, resolutionId));
    await changeStage(database.db, {
      resolution,
      to: 'amendments',
      actorId: resolution.createdBy!,
      state: (await loadDocState(database.db, resolutionId)).update,
    });
    const op8 = (await currentParagraphs(database.db, resolutionId)).find((p) => p.label === 'OP 8')!;
    const amended = op8.text.replace('gender equality concerns', 'the rights of women and girls');

    const a1 = await cli(
      'amendment',
      'draft',
      '--resolution',
      resolutionId,
      '--as',
      'thailand@example.org',
      '--kind',
      'modify',
      '--paragraph',
      'OP 8',
      '--text',
      amended,
      '--table',
    );
    expect(a1.code, a1.err.join('\n')).toBe(0);
    expect(a1.out[0]).toBe('Tabled A/1.');
    const a2 = await cli(
      'amendment',
      'draft',
      '--resolution',
      resolutionId,
      '--as',
      'iran@example.org',
      '--kind',
      'delete',
      '--paragraph',
      'OP 8',
      '--table',
    );
    expect(a2.out[0]).toBe('Tabled A/2.');

    const order = await cli('amendment', 'order', '--resolution', resolutionId, '--as', 'observer@example.org');
    expect(order.out).toEqual([
      '1. A/2 (OP 8) — Deletes the paragraph: furthest removed from the original',
      '2. A/1 (OP 8) — Changes 11% of the wording',
    ]);
    const refused = await cli(
      'amendment',
      'order',
      '--resolution',
      resolutionId,
      '--as',
      'secretariat@example.org',
      '--set',
      'A/1,A/2',
    );
    expect(refused.code).toBe(1);
    expect(
      (await cli('amendment', 'order', '--resolution', resolutionId, '--as', 'chair@example.org', '--set', 'A/1,A/2'))
        .out[0],
    ).toMatch(/^1\. A\/1 \(OP 8\) — Placed by the chair/);

    expect(
      (await cli('amendment', 'withdraw', 'A/1', '--resolution', resolutionId, '--as', 'iran@example.org')).code,
    ).toBe(1);
    const list = await cli('amendment', 'list', '--resolution', resolutionId, '--as', 'kenya@example.org');
    expect(list.out[1]).toContain('[-gender equality concerns-][+the rights of women and girls+]');

    expect(
      (
        await cli(
          'amendment',
          'decide',
          'A/2',
          '--resolution',
          resolutionId,
          '--as',
          'chair@example.org',
          '--outcome',
          'rejected',
        )
      ).out[0],
    ).toBe('A/2 rejected.');
    const adopted = await cli(
      'amendment',
      'decide',
      'A/1',
      '--resolution',
      resolutionId,
      '--as',
      'chair@example.org',
      '--outcome',
      'adopted',
    );
    expect(adopted.out[0]).toBe('A/1 adopted; the text is changed.');
    expect((await currentParagraphs(database.db, resolutionId)).find((p) => p.id === op8.id)!.text).toBe(amended);
  });

  it('sets a deadline in the past and refuses tabling after it, naming it', async () => {
    expect(
      (
        await cli(
          'amendment',
          'deadline',
          '--resolution',
          resolutionId,
          '--as',
          'secretariat@example.org',
          '--at',
          '2010-04-01T14:00:00Z',
        )
      ).code,
    ).toBe(0);
    const late = await cli(
      'amendment',
      'draft',
      '--resolution',
      resolutionId,
      '--as',
      'kenya@example.org',
      '--kind',
      'delete',
      '--paragraph',
      'OP 9',
      '--table',
    );
    expect(late.code).toBe(1);
    expect(late.err[0]).toBe(
      'error: The tabling deadline passed on 1 April 2010, 14:00 UTC; amendments can no longer be tabled.',
    );
    expect(
      (await cli('amendment', 'deadline', '--resolution', resolutionId, '--as', 'kenya@example.org', '--clear')).code,
    ).toBe(1);
    expect(
      (
        await cli(
          'amendment',
          'draft',
          '--resolution',
          resolutionId,
          '--as',
          'kenya@example.org',
          '--kind',
          'modify',
          '--paragraph',
          'OP 9',
        )
      ).code,
    ).toBe(2);
  });

  it('invites and removes co-sponsors by delegation name, with the same rules as the API', async () => {
    const a = await cli(
      'amendment',
      'draft',
      '--resolution',
      resolutionId,
      '--as',
      'kenya@example.org',
      '--kind',
      'delete',
      '--paragraph',
      'OP 12',
    );
    expect(a.code, a.err.join('\n')).toBe(0);
    const id = a.out.at(-1)!;
    const cosponsor = (as: string, ...flags: string[]) =>
      cli('amendment', 'cosponsor', id, '--resolution', resolutionId, '--as', as, ...flags);
    // Consent (issue 11): an invited delegation is listed once one of its members accepts.
    expect((await cosponsor('kenya@example.org', '--add', 'Canada')).out).toEqual([
      'Co-sponsors of the draft: none; invited: Canada.',
    ]);
    expect((await cosponsor('canada@example.org', '--accept')).out).toEqual(['Co-sponsors of the draft: Canada.']);
    expect((await cosponsor('kenya@example.org', '--add', 'thailand')).out).toEqual([
      'Co-sponsors of the draft: Canada; invited: Thailand.',
    ]);
    const refused = await cosponsor('canada@example.org', '--remove', 'Thailand');
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toContain('a co-sponsor only itself');
    expect((await cosponsor('canada@example.org', '--remove', 'Canada')).out).toEqual([
      'Co-sponsors of the draft: none; invited: Thailand.',
    ]);
    // Nobody answers for another delegation.
    expect((await cosponsor('kenya@example.org', '--accept')).code).toBe(1);
    expect((await cosponsor('thailand@example.org', '--decline')).out).toEqual(['Co-sponsors of the draft: none.']);
    const unknown = await cosponsor('kenya@example.org', '--add', 'Atlantis');
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toContain('No delegation "Atlantis"');
    expect((await cosponsor('kenya@example.org')).code).toBe(2);
  });
});
