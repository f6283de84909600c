import { describe, expect, it } from 'vitest';
import { buildPublishedDocument } from '../../lib/publication/document';
import { pdfRefusal, renderPublishedPdf } from '../../lib/publication/pdf';
import { DomainError } from '../../lib/errors';
import type { Paragraph } from '../../lib/resolution/types';
import { pdfWords, poppler } from '../helpers/pdf';

/**
 * Issue 12 §5: the published PDF embeds its fonts, sets names in Polish, Turkish, Greek and
 * Cyrillic as written (pdftotext gives back every character), wraps them inside the
 * margins, and refuses Arabic or Chinese with a message that offers DOCX and HTML.
 */
const NAMES = [
  'Łukasz Wiśniewski',
  'Źdźbło Żółć',
  'Ayşe Yılmaz',
  'Çağrı Öztürk',
  'Ελένη Παπαδοπούλου',
  'Олена Коваленко',
  'Дмитрий Шостакович',
];
const LONG = `Welcomes the work of the rapporteurs ${NAMES.join(', ')}, whose report of 18\u00a0December 2023 was ${'adopted after long debate in which every delegation spoke, '.repeat(6)}and thanks them;`;

function document(extra: Paragraph[] = []) {
  const paragraphs: Paragraph[] = [
    { id: 'pp1', kind: 'preambular', text: `Recalling the statements of ${NAMES.slice(0, 3).join(' and ')},` },
    { id: 'op1', kind: 'operative', text: LONG },
    { id: 'op2', kind: 'operative', text: 'Calls on parliaments:' },
    { id: 'op2a', kind: 'subparagraph', text: `to consult ${NAMES[4]} and ${NAMES[5]};` },
    ...extra,
  ];
  return buildPublishedDocument({
    adoption: { method: 'consensus', body: '148th IPU Assembly', place: 'Genève', date: '2024-03-27' },
    enactingFormula: 'The 148th Assembly of the Inter-Parliamentary Union,',
    paragraphs,
    reservations: [{ delegationName: 'Türkiye', kind: 'dissociation', paragraphId: 'op2a', text: '' }],
  });
}

describe('the published PDF', () => {
  it('embeds its fonts', async () => {
    const fonts = poppler('pdffonts', await renderPublishedPdf(document()));
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row).toMatch(/DejaVuSerif/);
      // columns: name type encoding emb sub uni …: every font embedded, with a Unicode map
      expect(row).toMatch(/\byes\s+yes\s+yes\b/);
    }
  });

  it('gives back every character of Polish, Turkish, Greek and Cyrillic names through pdftotext', async () => {
    const text = pdfWords(await renderPublishedPdf(document()));
    for (const name of NAMES) expect(text).toContain(name);
    const squash = (s: string) => s.replace(/\s+/g, ' ');
    expect(text).toContain(squash(LONG));
    expect(text).toContain('* The delegation of Türkiye dissociated itself from operative paragraph 2 (a).');
    expect(text).toContain('(Genève, 27 March 2024)');
  });

  it('wraps long lines inside the margins', async () => {
    const bbox = poppler('pdftotext', await renderPublishedPdf(document()), ['-bbox']);
    const page = /<page width="([\d.]+)"/.exec(bbox);
    const right = Number(page?.[1]) - (25 * 72) / 25.4;
    const xMax = [...bbox.matchAll(/<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xMax.length).toBeGreaterThan(100);
    expect(Math.max(...xMax)).toBeLessThanOrEqual(right + 0.5);
  });

  it('refuses Arabic and Chinese, naming them and offering DOCX and HTML, rather than print them garbled', async () => {
    const arabic = document([{ id: 'op3', kind: 'operative', text: 'Welcomes the delegation of مصر;' }]);
    const chinese = document([{ id: 'op3', kind: 'operative', text: 'Welcomes the delegation of 中国.' }]);
    const refusal = (d: typeof arabic) =>
      renderPublishedPdf(d).then(
        () => null,
        (e: unknown) => e,
      );
    const a = await refusal(arabic);
    expect(a).toBeInstanceOf(DomainError);
    expect((a as DomainError).code).toBe('unprocessable:export');
    expect((a as DomainError).message).toMatch(
      /cannot carry Arabic \("[^"]+" in operative paragraph 3\).*DOCX or HTML/,
    );
    const c = await refusal(chinese);
    expect((c as DomainError).message).toMatch(/cannot carry Chinese \("中" in operative paragraph 3\)/);
    // The published page says the same before anyone clicks, and offers the other formats.
    expect(pdfRefusal(document())).toBeNull();
    expect(pdfRefusal(arabic)).toBe((a as DomainError).message);
  });
});
