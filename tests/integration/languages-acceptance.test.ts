import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDatabase } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { findUserByEmail } from '@/db/queries/access';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';
import { callRoute, okJson } from './route-caller';
import { readZipEntry } from '../helpers/zip';

/**
 * Issue 16, the acceptance: the example resolution with an official French version; an
 * adopted amendment changes one paragraph, which shows "needs translation" (with the
 * change as a redline) until the translator updates it; Iran's reservation in both
 * languages; adoption by consensus; publication waits for the French version; both
 * published texts are exported, each with its own heading and footnote.
 */
type Who = 'chair' | 'secretariat' | 'iran' | 'thailand' | 'observer' | 'translator';

interface TranslatedParagraph {
  id: string;
  label: string;
  text: string;
  originalText: string;
  translationStatus: string;
  originalChange?: string;
}

const OP8_FR =
  'Encourage les parlements à intégrer les questions d’égalité des sexes dans toute la législation visant à lutter contre la criminalité transnationale organisée;';

/** The translated file as a secretariat would save it: heading, formula, numbered paragraphs. */
function frenchFile(paragraphs: readonly { label: string; kind?: string }[]): string {
  const blocks = [
    'Résolution adoptée par consensus par la 122e Assemblée de l’UIP',
    'La 122e Assemblée de l’Union interparlementaire,',
  ];
  for (const p of paragraphs) {
    if (p.label.startsWith('PP')) blocks.push(`Texte français de l’alinéa ${p.label.slice(3)} du préambule,`);
    else if (p.label === 'OP 8') blocks.push(`  8. ${OP8_FR}`);
    else if (p.label.startsWith('OP'))
      blocks.push(`  ${p.label.slice(3)}. Texte français du paragraphe ${p.label.slice(3)};`);
    else blocks.push(`      ${p.label.replace(/^\d+ \((\w+)\)$/, '$1)')} Texte français de l’alinéa ${p.label};`);
  }
  return blocks.join('\n\n');
}

for (const kind of testDatabaseKinds()) {
  describe(`language versions on ${kind}: the 122nd Assembly resolution in English and French`, () => {
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
    const french = async (who: Who = 'observer') =>
      okJson<{
        counts: { total: number; upToDate: number; needsTranslation: number; missing: number };
        paragraphs: TranslatedParagraph[];
      }>(call(who, 'GET', '/resolutions/{id}/text', {}, undefined, { lang: 'fr' }));
    const exported = async (lang?: string) => {
      const res = await call('observer', 'GET', '/resolutions/{id}/export', {}, undefined, {
        format: 'text',
        ...(lang ? { lang } : {}),
      });
      expect(res.status).toBe(200);
      return (await res.text()).split('\n\n').map((b) => b.replace(/\s+/g, ' ').trim());
    };

    beforeAll(async () => {
      database = await openTestDatabase(kind);
      await installDatabase(Promise.resolve(database));
      process.env.NEXTAUTH_SECRET ||= 'test-secret';
      ({ resolutionId } = await seedDemo(database.db));
      for (const who of Object.keys({
        chair: 1,
        secretariat: 1,
        iran: 1,
        thailand: 1,
        observer: 1,
        translator: 1,
      }) as Who[]) {
        const user = await findUserByEmail(database.db, `${who}@example.org`);
        token[who] = (await issueApiToken(database.db, user!.id, 'languages')).token;
      }
    });
    afterAll(() => database?.close());

    it('keeps the French version aligned through an amendment, a reservation, adoption and publication', async () => {
      // The chair adds the official French version; every paragraph is missing.
      const added = await call(
        'chair',
        'POST',
        '/resolutions/{id}/languages',
        {},
        {
          language: 'fr',
          official: true,
          sessionLabel: '122e Assemblée de l’UIP',
          enactingFormula: 'La 122e Assemblée de l’Union interparlementaire,',
        },
      );
      expect(added.status).toBe(201);
      expect((await call('chair', 'POST', '/resolutions/{id}/languages', {}, { language: 'fr' })).status).toBe(409);
      let fr = await french();
      expect(fr.counts).toEqual({ total: 50, upToDate: 0, needsTranslation: 0, missing: 50 });

      // The translator imports the French file, matched by paragraph numbers.
      const imported = await okJson<{ imported: number; untranslated: string[] }>(
        call(
          'translator',
          'POST',
          '/resolutions/{id}/languages/{language}/import',
          { language: 'fr' },
          { text: frenchFile(fr.paragraphs) },
        ),
      );
      expect(imported).toMatchObject({ imported: 50, untranslated: [] });
      fr = await french();
      expect(fr.counts.upToDate).toBe(50);
      const op8 = fr.paragraphs.find((p) => p.label === 'OP 8')!;
      expect(op8.text).toBe(OP8_FR);
      // A translator cannot touch the original.
      expect((await call('translator', 'POST', '/resolutions/{id}/stage', {}, { to: 'amendments' })).status).toBe(403);

      // Thailand's amendment to OP 3 is tabled and adopted.
      await okJson(call('chair', 'POST', '/resolutions/{id}/stage', {}, { to: 'amendments' }));
      const op3 = fr.paragraphs.find((p) => p.label === 'OP 3')!;
      const drafted = await okJson<{ id: string }>(
        call(
          'thailand',
          'POST',
          '/resolutions/{id}/amendments',
          {},
          {
            kind: 'modify',
            targetParagraphId: op3.id,
            proposedText: op3.originalText.replace(/;$/, ', without delay;'),
          },
        ),
      );
      await okJson(
        callRoute('POST', '/amendments/{amendmentId}/table', {
          token: token.thailand,
          params: { amendmentId: drafted.id },
        }),
      );
      await okJson(call('chair', 'POST', '/resolutions/{id}/stage', {}, { to: 'voting' }));
      await okJson(
        callRoute('POST', '/amendments/{amendmentId}/decision', {
          token: token.chair,
          params: { amendmentId: drafted.id },
          body: { outcome: 'adopted' },
        }),
      );

      // OP 3 now needs translation, with the original's change as a redline; the rest is up to date.
      fr = await french();
      const changed = fr.paragraphs.find((p) => p.id === op3.id)!;
      expect(changed).toMatchObject({
        label: 'OP 3',
        translationStatus: 'needs_translation',
        originalChange: expect.stringContaining('[+, without delay+]'),
      });
      expect(fr.counts).toMatchObject({ upToDate: 49, needsTranslation: 1 });
      const summary = await okJson<{ versions: { summary: string }[] }>(
        call('observer', 'GET', '/resolutions/{id}/languages', {}),
      );
      expect(summary.versions[0].summary).toBe('fr: 49 up to date, 1 needs translation');

      // Iran's reservation on OP 8, in English and in its own French words.
      const reservation = await okJson<{ id: string }>(
        call(
          'iran',
          'POST',
          '/resolutions/{id}/reservations',
          {},
          {
            kind: 'reservation',
            paragraphId: op8.id,
            text: 'in relation to the concept of "gender equality".',
          },
        ),
      );
      // The chair adopts by consensus.
      await okJson(
        call(
          'chair',
          'POST',
          '/resolutions/{id}/adoption',
          {},
          {
            method: 'consensus',
            date: '2010-04-01',
            place: 'Bangkok',
            session: '122nd IPU Assembly',
          },
        ),
      );

      // Publication waits for the official French version (OP 3 and the reservation).
      const refused = await call('secretariat', 'POST', '/resolutions/{id}/publication', {});
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.message).toContain('fr: 49 up to date, 1 needs translation, 1 missing');
      // Only the chair may override; the secretariat may not.
      expect(
        (await call('secretariat', 'POST', '/resolutions/{id}/publication', {}, { overrideLanguages: true })).status,
      ).toBe(403);

      const updated = await okJson<TranslatedParagraph>(
        call(
          'translator',
          'PUT',
          '/resolutions/{id}/languages/{language}/paragraphs/{paragraphId}',
          { language: 'fr', paragraphId: op3.id },
          {
            text: 'Texte français du paragraphe 3, sans délai;',
          },
        ),
      );
      expect(updated.translationStatus).toBe('up_to_date');
      await okJson(
        call(
          'iran',
          'PUT',
          '/resolutions/{id}/reservations/{reservationId}/translations/{language}',
          { reservationId: reservation.id, language: 'fr' },
          {
            text: 'en ce qui concerne la notion d’« égalité des sexes ».',
            delegationName: 'l’Iran (République islamique d’)',
          },
        ),
      );
      // 50 paragraphs and the statement.
      expect((await french()).counts).toMatchObject({ upToDate: 51, needsTranslation: 0, missing: 0 });
      await okJson(call('secretariat', 'POST', '/resolutions/{id}/publication', {}));

      // Both published texts, each with its own heading and footnote, the same numbers.
      const en = await exported();
      expect(en.slice(0, 2)).toEqual([
        'Resolution adopted by consensus* by the 122nd IPU Assembly (Bangkok, 1 April 2010)',
        'The 122nd Assembly of the Inter-Parliamentary Union,',
      ]);
      expect(en.at(-1)).toBe(
        '* The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 8 in relation to the concept of "gender equality".',
      );
      const fre = await exported('fr');
      expect(fre.slice(0, 2)).toEqual([
        'Résolution adoptée par consensus* par la 122e Assemblée de l’UIP (Bangkok, 1er avril 2010)',
        'La 122e Assemblée de l’Union interparlementaire,',
      ]);
      expect(fre).toContain(`8. ${OP8_FR}`);
      expect(fre).toContain('3. Texte français du paragraphe 3, sans délai;');
      expect(fre.at(-1)).toBe(
        '* La délégation de l’Iran (République islamique d’) a exprimé une réserve sur le paragraphe 8 du dispositif en ce qui concerne la notion d’« égalité des sexes ».',
      );
      expect(fre).toHaveLength(en.length);

      // The other formats carry the language too.
      const html = await call('observer', 'GET', '/resolutions/{id}/export', {}, undefined, {
        format: 'html',
        lang: 'fr',
      });
      expect(await html.text()).toContain('<html lang="fr">');
      const akn = await call('observer', 'GET', '/resolutions/{id}/export', {}, undefined, {
        format: 'akn',
        lang: 'fr',
      });
      expect(await akn.text()).toContain('<FRBRlanguage language="fra"/>');
      for (const format of ['pdf', 'docx']) {
        const res = await call('observer', 'GET', '/resolutions/{id}/export', {}, undefined, { format, lang: 'fr' });
        expect(res.status, format).toBe(200);
        expect(res.headers.get('content-disposition')).toContain(`.fr.${format}`);
      }
      // Word proofs each export in its own language: the runs' default and the core properties.
      for (const [lang, tag] of [
        ['fr', 'fr-FR'],
        ['en', 'en-GB'],
      ]) {
        const res = await call('observer', 'GET', '/resolutions/{id}/export', {}, undefined, { format: 'docx', lang });
        const docx = new Uint8Array(await res.arrayBuffer());
        const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(readZipEntry(docx, 'word/styles.xml'))?.[0];
        expect(defaults, lang).toContain(`<w:lang w:val="${tag}"/>`);
        expect(readZipEntry(docx, 'docProps/core.xml'), lang).toContain(`<dc:language>${tag}</dc:language>`);
        expect(readZipEntry(docx, 'word/document.xml'), lang).not.toMatch(/<w:lang w:val="(?!${tag})/);
      }
      // The published official version no longer changes.
      const late = await call(
        'translator',
        'PUT',
        '/resolutions/{id}/languages/{language}/paragraphs/{paragraphId}',
        { language: 'fr', paragraphId: op3.id },
        { text: 'Autre texte;' },
      );
      expect(late.status).toBe(409);
    });
  });
}
