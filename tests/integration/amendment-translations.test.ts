import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDatabase } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { findUserByEmail } from '@/db/queries/access';
import { runCliCommand, type CliIo } from '@/cli/commands';
import { storeAmendmentTranslation } from '@/db/commands/language-versions';
import { hashText } from '@/lib/amendments/hash';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute, okJson } from './route-caller';

/**
 * Issue 16 §4: amendments carry translations of their proposed text, shown to readers of
 * that language — GET /resolutions/{id}/amendments?lang=fr and `amendment list --lang fr`
 * give each amendment's French proposed text with its status, as paragraphs have it:
 * missing, up to date, needs translation once the proposed text changes after translating.
 */
type Who = 'chair' | 'thailand' | 'observer' | 'translator';

interface Listed {
  id: string;
  number: string | null;
  proposedText: string;
  translation?: { language: string; proposedText: string; status: string; originalChange?: string };
}

for (const kind of testDatabaseKinds()) {
  describe(`amendments in a language version on ${kind}`, () => {
    let database: TestDatabase;
    let resolutionId: string;
    const token = {} as Record<Who, string>;
    const call = (
      who: Who,
      method: string,
      pattern: string,
      params: Record<string, string>,
      body?: unknown,
      query?: Record<string, string>,
    ) => callRoute(method, pattern, { token: token[who], params: { id: resolutionId, ...params }, body, query });
    const listed = async (query: Record<string, string> = { lang: 'fr' }, who: Who = 'observer') =>
      (await okJson<{ amendments: Listed[] }>(call(who, 'GET', '/resolutions/{id}/amendments', {}, undefined, query)))
        .amendments;
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
      process.env.NEXTAUTH_SECRET ||= 'test-secret';
      ({ resolutionId } = await seedDemo(database.db));
      for (const who of ['chair', 'thailand', 'observer', 'translator'] as Who[]) {
        const user = await findUserByEmail(database.db, `${who}@example.org`);
        token[who] = (await issueApiToken(database.db, user!.id, 'amendment translations')).token;
      }
    });
    afterAll(() => database?.close());

    it('lists each amendment with its French proposed text and status, through the API and the CLI', async () => {
      expect((await call('chair', 'POST', '/resolutions/{id}/languages', {}, { language: 'fr' })).status).toBe(201);
      const { paragraphs } = await okJson<{ paragraphs: { id: string; label: string; text: string }[] }>(
        call('observer', 'GET', '/resolutions/{id}/text', {}),
      );
      const op3 = paragraphs.find((p) => p.label === 'OP 3')!;
      expect((await call('chair', 'POST', '/resolutions/{id}/stage', {}, { to: 'amendments' })).status).toBe(200);
      const drafted = await okJson<{ id: string }>(
        call(
          'thailand',
          'POST',
          '/resolutions/{id}/amendments',
          {},
          { kind: 'modify', targetParagraphId: op3.id, proposedText: op3.text.replace(/;$/, ', without delay;') },
        ),
      );
      const tabled = await okJson<{ number: string }>(
        call('thailand', 'POST', `/amendments/{amendmentId}/table`, { amendmentId: drafted.id }),
      );

      // Not translated yet: missing, and no French words.
      let [a1] = await listed();
      expect(a1.translation).toEqual({ language: 'fr', proposedText: '', status: 'missing' });
      // Without ?lang (or in the original's language) nothing is added.
      expect((await listed({}))[0].translation).toBeUndefined();
      expect((await listed({ lang: 'en' }))[0].translation).toBeUndefined();
      // A language the resolution has no version in is not found.
      expect(
        (await call('observer', 'GET', '/resolutions/{id}/amendments', {}, undefined, { lang: 'es' })).status,
      ).toBe(404);

      // The translator writes the French proposed text: up to date, for every reader.
      const fr = 'Texte français du paragraphe 3, sans délai;';
      const put = await call(
        'translator',
        'PUT',
        '/amendments/{amendmentId}/translations/{language}',
        { amendmentId: drafted.id, language: 'fr' },
        { proposedText: fr },
      );
      expect(put.status).toBe(200);
      [a1] = await listed();
      expect(a1.number).toBe(tabled.number);
      expect(a1.translation).toEqual({ language: 'fr', proposedText: fr, status: 'up_to_date' });
      expect((await listed({ lang: 'fr' }, 'thailand'))[0].translation?.proposedText).toBe(fr);

      const shown = await cli(
        'amendment',
        'list',
        '--resolution',
        resolutionId,
        '--as',
        'observer@example.org',
        '--lang',
        'fr',
      );
      expect(shown.code, shown.err.join('\n')).toBe(0);
      expect(shown.out).toContain(`    fr (up to date): ${fr}`);
      const plain = await cli('amendment', 'list', '--resolution', resolutionId, '--as', 'observer@example.org');
      expect(plain.out.some((l) => l.startsWith('    fr '))).toBe(false);
      const unknown = await cli(
        'amendment',
        'list',
        '--resolution',
        resolutionId,
        '--as',
        'observer@example.org',
        '--lang',
        'es',
      );
      expect(unknown.code).not.toBe(0);

      // A translation confirmed against earlier proposed words (the sponsors rewrote them
      // since): it needs translation, with the proposed text's change as a redline.
      const earlier = op3.text.replace(/;$/, ', soon;');
      await storeAmendmentTranslation(database.db, {
        amendmentId: drafted.id,
        language: 'fr',
        actorId: (await findUserByEmail(database.db, 'translator@example.org'))!.id,
        text: 'Texte français du paragraphe 3, bientôt;',
        confirmedHash: hashText(earlier),
        confirmedText: earlier,
      });
      [a1] = await listed();
      expect(a1.translation).toMatchObject({
        proposedText: 'Texte français du paragraphe 3, bientôt;',
        status: 'needs_translation',
      });
      expect(a1.translation?.originalChange).toContain('[-soon-]');
      expect(a1.translation?.originalChange).toContain('[+without delay+]');
      const again = await cli(
        'amendment',
        'list',
        '--resolution',
        resolutionId,
        '--as',
        'observer@example.org',
        '--lang',
        'fr',
      );
      expect(again.out).toContain('    fr (needs translation): Texte français du paragraphe 3, bientôt;');
    });
  });
}
