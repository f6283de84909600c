import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseResolutionText } from '../../lib/resolution/parse';
import { createDocxReader } from '../../server/docx-reader';
import { docxToText } from '../../lib/resolution/docx';
import type { Paragraph } from '../../lib/resolution/types';
import { buildPublishedDocument } from '../../lib/publication/document';
import { renderPublishedDocx } from '../../lib/publication/docx';
import { renderPublishedPdf } from '../../lib/publication/pdf';
import { pdfWords } from '../helpers/pdf';
import { readZipEntry } from '../helpers/zip';

const readDocx = createDocxReader();

const parsed = parseResolutionText(
  readFileSync(new URL('../../data/ipu-122nd-assembly-resolution.txt', import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error('the example no longer parses');
const example = parsed.resolution;

// The example with two sub-paragraphs under operative paragraph 2, to show their layout too.
const paragraphs: Paragraph[] = [...example.paragraphs];
paragraphs.splice(
  17,
  0,
  { id: 'op2a', kind: 'subparagraph', text: 'to ratify the Convention;' },
  { id: 'op2b', kind: 'subparagraph', text: 'to implement it;' },
);
const op8 = paragraphs.filter((p) => p.kind === 'operative')[7];
const adoption = { method: 'consensus', body: '122nd IPU Assembly', place: 'Bangkok', date: '2010-04-01' } as const;
const doc = buildPublishedDocument({
  adoption,
  enactingFormula: example.enactingFormula,
  paragraphs,
  reservations: [
    {
      delegationName: 'Iran (Islamic Rep. of)',
      kind: 'reservation',
      paragraphId: op8.id,
      text: 'in relation to the concept of "gender equality".',
    },
  ],
});

describe('renderPublishedDocx', () => {
  it('reads back through the .docx import: same heading, paragraphs and reservation', async () => {
    const bytes = await renderPublishedDocx(doc);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const again = parseResolutionText(await docxToText(bytes, readDocx));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.warnings).toEqual([]);
    expect(again.resolution.adoption).toEqual(adoption);
    expect(again.resolution.enactingFormula).toBe(example.enactingFormula);
    expect(again.resolution.paragraphs.map(({ kind, text }) => ({ kind, text }))).toEqual(
      paragraphs.map(({ kind, text }) => ({ kind, text })),
    );
    expect(again.resolution.reservations).toMatchObject([
      { delegation: 'Iran (Islamic Rep. of)', target: { kind: 'operative', number: 8 } },
    ]);
  });

  it('is real Word: automatic numbering, named styles, the footnote a Word footnote at the heading, properties', async () => {
    const bytes = await renderPublishedDocx(doc);
    const numbering = readZipEntry(bytes, 'word/numbering.xml');
    expect(numbering).toMatch(
      /<w:lvl w:ilvl="0"[^>]*>[\s\S]*?<w:numFmt w:val="decimal"\/>[\s\S]*?<w:lvlText w:val="%1\."\/>/,
    );
    expect(numbering).toMatch(
      /<w:lvl w:ilvl="1"[^>]*>[\s\S]*?<w:numFmt w:val="lowerLetter"\/>[\s\S]*?<w:lvlText w:val="\(%2\)"\/>/,
    );
    const styles = readZipEntry(bytes, 'word/styles.xml');
    for (const name of [
      'Resolution Heading',
      'Enacting Formula',
      'Preambular Paragraph',
      'Operative Paragraph',
      'Sub-paragraph',
    ])
      expect(styles).toContain(`<w:name w:val="${name}"/>`);

    const xml = readZipEntry(bytes, 'word/document.xml');
    const paragraphsXml = xml.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? [];
    const styled = (id: string) => paragraphsXml.filter((p) => p.includes(`<w:pStyle w:val="${id}"/>`));
    expect(styled('OperativeParagraph')).toHaveLength(35);
    expect(styled('Subparagraph')).toHaveLength(2);
    expect(styled('PreambularParagraph')).toHaveLength(15);
    for (const p of styled('OperativeParagraph'))
      expect(p).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    for (const p of styled('Subparagraph')) expect(p).toMatch(/<w:ilvl w:val="1"\/>/);
    // No number is typed into the text: Word numbers the paragraphs.
    expect(styled('OperativeParagraph')[0]).toMatch(/<w:t[^>]*>Fully affirms/);
    const [headingXml] = styled('ResolutionHeading');
    expect(headingXml).toMatch(
      /by consensus<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="1"\/><w:t xml:space="preserve">\*<\/w:t><\/w:r>/,
    );
    const notes = readZipEntry(bytes, 'word/footnotes.xml');
    expect(notes).toMatch(
      /<w:footnote w:id="1">[\s\S]*\* The delegation of Iran \(Islamic Rep\. of\) expressed a reservation/,
    );
    expect(xml).not.toContain('The delegation of Iran');

    const core = readZipEntry(bytes, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Resolution adopted by consensus by the 122nd IPU Assembly</dc:title>');
    expect(core).toMatch(/<dc:subject>Resolution adopted by consensus\* by the 122nd IPU Assembly<\/dc:subject>/);
    expect(readZipEntry(bytes, 'docProps/custom.xml')).toMatch(/name="Adopted"[\s\S]*2010-04-01/);
    // Proofed in the document's language: English as the IPU spells it.
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="en-GB"\/>[\s\S]*<\/w:docDefaults>/);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });
});

describe('renderPublishedPdf', () => {
  it('is an A4 PDF holding the heading, the paragraphs with their numbers, and the footnote', async () => {
    const bytes = await renderPublishedPdf(doc, { compress: false });
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = pdfWords(bytes);
    expect(text).toContain('Resolution adopted by consensus* by the 122nd IPU Assembly');
    expect(text).toContain('(Bangkok, 1 April 2010)');
    expect(text).toContain('The 122nd Assembly of the Inter-Parliamentary Union,');
    for (const label of [
      '1. Fully affirms',
      '2. Reaffirms',
      '(a) to ratify',
      '(b) to implement',
      '35. Invites',
      '* The',
    ])
      expect(text).toContain(label);
    expect(text).toContain('The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 8');
  });

  it('compresses by default', async () => {
    const compressed = await renderPublishedPdf(doc);
    const plain = await renderPublishedPdf(doc, { compress: false });
    expect(Buffer.from(compressed).subarray(0, 5).toString()).toBe('%PDF-');
    expect(compressed.byteLength).toBeLessThan(plain.byteLength / 2);
  });
});
