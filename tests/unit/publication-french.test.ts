import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResolutionText } from '@/lib/resolution/parse';
import { buildPublishedDocument } from '@/lib/publication/document';
import { renderPublishedText } from '@/lib/publication/plain-text';
import { renderPublishedHtml } from '@/lib/publication/html';
import { renderAkomaNtoso } from '@/lib/publication/akoma-ntoso';
import { formatPublicationDate, renderHeading } from '@/lib/publication/heading';
import { FRENCH } from '@/lib/publication/wording-fr';
import { wordingFor } from '@/lib/publication/catalogues';
import { reservationSentence } from '@/lib/publication/footnotes';

const example = (() => {
  const result = parseResolutionText(
    readFileSync(new URL('../../data/ipu-122nd-assembly-resolution.txt', import.meta.url), 'utf8'),
  );
  if (!result.ok) throw new Error('the example no longer parses');
  return result.resolution;
})();

const bangkok = { method: 'consensus' as const, body: '122e Assemblée de l’UIP', place: 'Bangkok', date: '2010-04-01' };

describe('the published text in French', () => {
  it('heading: "Résolution adoptée par consensus* par la 122e Assemblée de l’UIP (Bangkok, 1er avril 2010)"', () => {
    expect(renderHeading(bangkok, '*', FRENCH)).toEqual([
      'Résolution adoptée par consensus* par la 122e Assemblée de l’UIP',
      '(Bangkok, 1er avril 2010)',
    ]);
    expect(formatPublicationDate('2010-04-02', FRENCH)).toBe('2 avril 2010');
    expect(
      renderHeading(
        { ...bangkok, body: 'l’Assemblée générale', method: 'vote', votes: { yes: 1200, no: 30, abstain: 1 } },
        '',
        FRENCH,
      )[0],
    ).toBe('Résolution adoptée par 1\u202f200 voix contre 30, avec 1 abstention, par l’Assemblée générale');
  });

  it('footnote: "* La délégation de … a exprimé une réserve sur le paragraphe 8 du dispositif …"', () => {
    const op8 = example.paragraphs.filter((p) => p.kind === 'operative')[7];
    const doc = buildPublishedDocument({
      language: 'fr',
      adoption: bangkok,
      enactingFormula: 'La 122e Assemblée de l’Union interparlementaire,',
      paragraphs: example.paragraphs,
      reservations: [
        {
          delegationName: 'l’Iran (République islamique d’)',
          kind: 'reservation',
          paragraphId: op8.id,
          text: 'en ce qui concerne la notion d’« égalité des sexes ».',
        },
      ],
    });
    expect(doc.footnotes).toEqual([
      '* La délégation de l’Iran (République islamique d’) a exprimé une réserve sur le paragraphe 8 du dispositif en ce qui concerne la notion d’« égalité des sexes ».',
    ]);
    const text = renderPublishedText(doc);
    expect(
      text.startsWith('Résolution adoptée par consensus* par la 122e Assemblée de l’UIP\n(Bangkok, 1er avril 2010)'),
    ).toBe(true);
    expect(renderPublishedHtml(doc)).toContain('<html lang="fr">');
    const akn = renderAkomaNtoso(doc, {
      resolutionId: 'r1',
      title: 'Titre',
      committeeName: 'Commission',
      sessionLabel: bangkok.body,
      date: '2010-04-01',
    });
    expect(akn).toContain('<FRBRlanguage language="fra"/>');
    expect(akn).toContain('/fra@');
  });

  it('other kinds, several delegations and other places read as French', () => {
    expect(
      reservationSentence(
        'dissociation',
        ['le Canada'],
        FRENCH.place!({ kind: 'operative', number: 2 }, 'letter'),
        '',
        FRENCH,
      ),
    ).toBe('La délégation du Canada s’est dissociée du paragraphe 2 du dispositif.');
    expect(
      reservationSentence(
        'reservation',
        ['Cuba', 'Israël'],
        FRENCH.place!({ kind: 'subparagraph', number: 2, letter: 'b' }, 'letter'),
        '',
        FRENCH,
      ),
    ).toBe(
      'Les délégations de Cuba et d’Israël ont exprimé des réserves sur l’alinéa b) du paragraphe 2 du dispositif.',
    );
    expect(wordingFor('fr-CA')).toBe(FRENCH);
    expect(wordingFor('es').language).toBe('en');
  });

  it('an Arabic published text is written right to left', () => {
    const doc = buildPublishedDocument({
      language: 'ar',
      adoption: bangkok,
      enactingFormula: null,
      paragraphs: [{ id: 'p', kind: 'operative', text: 'يقرر' }],
      reservations: [],
    });
    expect(renderPublishedHtml(doc)).toContain('<html lang="ar" dir="rtl">');
  });
});
