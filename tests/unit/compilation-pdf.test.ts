import { describe, expect, it } from 'vitest';
import type { CompilationDocument } from '@/lib/amendments/compilation-document';
import { renderCompilationPdf } from '@/lib/amendments/compilation-pdf';
import { DomainError } from '@/lib/errors';
import { pdfWords, poppler } from '../helpers/pdf';

/**
 * The compilation quotes delegations and their words in every script of the members: its
 * PDF embeds fonts that carry them (standard Times fonts printed "?" for "Ł" and boxes for
 * Cyrillic), and refuses what they cannot carry instead of printing boxes.
 */
const document = (sponsor: string, rationale = 'Clearer wording.'): CompilationDocument => ({
  resolutionTitle: 'Promoting peace',
  committee: 'Peace and International Security',
  generatedAt: new Date('2024-03-27T10:00:00Z'),
  entries: [
    {
      number: 'A/1',
      paragraphLabel: 'OP 2',
      kind: 'modify',
      sponsor,
      coSponsors: ['Türkiye', 'Ελλάδα'],
      status: 'Tabled',
      statusReason: null,
      votingPosition: 1,
      rationale,
      segments: [
        { op: 'equal', text: 'Calls upon ' },
        { op: 'delete', text: 'all States' },
        { op: 'insert', text: 'Łukasz’s and Олена’s parliaments' },
        { op: 'equal', text: ' to act.' },
      ],
      stale: false,
      tabledAt: new Date('2024-03-27T09:00:00Z'),
    },
  ],
});

describe('the compilation PDF', () => {
  it('embeds its fonts and gives back Polish, Turkish, Greek and Cyrillic through pdftotext', async () => {
    const pdf = await renderCompilationPdf(document('Україна'), { compress: false });
    const rows = poppler('pdffonts', pdf).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row).toMatch(/DejaVuSerif.*\byes\s+yes\s+yes\b/);
    const text = pdfWords(pdf);
    for (const word of ['Україна', 'Türkiye', 'Ελλάδα', 'Łukasz’s', 'Олена’s', 'Clearer wording.']) {
      expect(text).toContain(word);
    }
  });

  it('refuses a script its fonts cannot set, naming it, instead of printing boxes', async () => {
    const refused = renderCompilationPdf(document('Canada', 'في إطار'));
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(renderCompilationPdf(document('Canada', 'في إطار'))).rejects.toThrow(/Arabic/);
  });
});
