import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/db/commands/demo-seeder';
import { declareAdoption } from '@/db/commands/adoption-declarer';
import { runCliCommand, type CliIo } from '@/cli/commands';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { resolutionAtVoting, stateOf, userId } from './procedure-fixtures';

/** `concord language add|status|set|confirm|import` and `published export --lang`, on a real database. */
describe('language commands of the CLI', () => {
  let database: TestDatabase;
  let resolutionId: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const { committeeId } = await seedDemo(database.db);
    resolutionId = (await resolutionAtVoting(database.db, committeeId)).id;
  });
  afterAll(() => database?.close());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      db: database.db,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: (file) => {
        if (!(file in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        return new TextEncoder().encode(files[file]);
      },
    };
    const code = await runCliCommand(argv, io);
    return { code, out, err };
  }
  const as = (who: string) => ['--resolution', resolutionId, '--as', `${who}@example.org`];

  it('adds a French version, imports a file by numbers, shows what needs translation, sets and confirms', async () => {
    // A translator may not add a version; the secretariat may.
    expect((await run('language', 'add', 'fr', ...as('translator'))).code).not.toBe(0);
    const added = await run(
      'language',
      'add',
      'FR',
      '--official',
      '--body',
      '122e Assemblée de l’UIP',
      ...as('secretariat'),
    );
    expect(added).toMatchObject({ code: 0, out: ['Added the official "fr" version.'] });

    const status = await run('language', 'status', ...as('observer'));
    expect(status.out).toEqual(['original: en', expect.stringMatching(/^fr: 0 up to date, \d+ missing \(official\)$/)]);

    const text = await run('language', 'status', '--language', 'fr', ...as('translator'));
    const labels = text.out.slice(1).map((l) => l.split('\t')[0]);
    const operative = labels.filter((l) => l.startsWith('OP')).length;
    const preambular = labels.filter((l) => l.startsWith('PP')).length;
    files['fr.txt'] = [
      'La 122e Assemblée de l’Union interparlementaire,',
      ...Array.from({ length: preambular }, (_, i) => `Alinéa ${i + 1} du préambule,`),
      ...Array.from({ length: operative }, (_, i) => `  ${i + 1}. Paragraphe ${i + 1};`),
    ].join('\n\n');
    const imported = await run('language', 'import', 'fr', 'fr.txt', ...as('translator'));
    expect(imported.code, imported.err.join('\n')).toBe(0);
    expect(imported.out[0]).toBe(`Imported ${preambular + operative} paragraphs.`);
    expect(imported.out[1]).toBe('skipped line 1: La 122e Assemblée de l’Union interparlementaire,');

    files['bad.txt'] = '1. Un;\n\n99. Inconnu;';
    const bad = await run('language', 'import', 'fr', 'bad.txt', ...as('translator'));
    expect(bad.code).not.toBe(0);
    expect(bad.err.join('\n')).toContain('line 3: The original has no paragraph OP 99.');

    const set = await run('language', 'set', 'fr', 'OP 2', '--text', 'Invite les parlements;', ...as('translator'));
    expect(set).toMatchObject({ code: 0, out: ['OP 2: up to date.'] });
    expect((await run('language', 'confirm', 'fr', 'OP 2', ...as('translator'))).out).toEqual(['OP 2: up to date.']);
    // No "es" version: nothing to confirm.
    expect((await run('language', 'confirm', 'es', 'OP 2', ...as('translator'))).code).not.toBe(0);

    const after = await run('language', 'status', '--language', 'fr', '--needs-translation', ...as('observer'));
    expect(after.out[0]).toMatch(/^fr: \d+ up to date/);
    expect(after.out.slice(1).filter((l) => !l.startsWith('\t'))).toEqual(
      labels.filter((l) => !l.startsWith('OP') && !l.startsWith('PP')).map((l) => `${l}\tmissing\t`),
    );
  });

  it('prints the published French text with its own heading', async () => {
    await declareAdoption(database.db, {
      resolutionId,
      method: 'consensus',
      date: '2010-04-01',
      place: 'Bangkok',
      actorId: await userId(database.db, 'chair'),
      state: await stateOf(database.db, resolutionId),
    });
    const fr = await run('published', 'export', resolutionId, '--lang', 'fr');
    expect(fr.code, fr.err.join('\n')).toBe(0);
    expect(fr.out.slice(0, 2)).toEqual([
      'Résolution adoptée par consensus par la 122e Assemblée de l’UIP',
      '(Bangkok, 1er avril 2010)',
    ]);
  });
});
