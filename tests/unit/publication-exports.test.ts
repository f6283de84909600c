import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { parseResolutionText } from '../../lib/resolution/parse';
import { createDocxReader } from '../../server/docx-reader';
import { docxToText } from '../../lib/resolution/docx';
import type { Paragraph } from '../../lib/resolution/types';
import { buildPublishedDocument } from '../../lib/publication/document';
import { renderPublishedDocx } from '../../lib/publication/docx';
import { renderPublishedPdf } from '../../lib/publication/pdf';
import { pdfWords } from '../helpers/pdf';

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

/** One file out of a ZIP package (a .docx), read with the central directory; enough for tests. */
function unzipEntry(zip: Uint8Array, name: string): string {
  const buf = Buffer.from(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i += 1) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the package`);
}

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

  it('sets the heading bold and centred, and hangs the typed operative numbers', async () => {
    const bytes = await renderPublishedDocx(doc);
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(html).toContain('<p><strong>Resolution adopted by consensus* by the 122nd IPU Assembly</strong></p>');
    const xml = unzipEntry(bytes, 'word/document.xml');
    const heading = xml.slice(0, xml.indexOf('Resolution adopted by consensus'));
    expect(heading.slice(heading.lastIndexOf('<w:p>'))).toMatch(/<w:jc w:val="center"\/>[\s\S]*<w:b\/>/);
    expect(xml).toMatch(
      /<w:ind w:left="709" w:hanging="709"\/>[\s\S]*?<w:t xml:space="preserve">1\.<\/w:t><w:tab\/><w:t xml:space="preserve">Fully affirms/,
    );
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
