import { DeletedTextRun, Document, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import {
  compilationTitle,
  entryByline,
  entryHeading,
  kindWords,
  type CompilationDocument,
} from './compilation-document';

/**
 * The compilation as a Word file whose changes are real tracked changes (w:ins / w:del),
 * each authored by the sponsoring delegation and dated when tabled: the secretariat can
 * accept or reject them in Word, and Word's review pane lists them by delegation.
 */
const SIZE = 24; // 12 pt, in half-points

export async function renderCompilationDocx(doc: CompilationDocument): Promise<Uint8Array> {
  let changeId = 0;
  const body: Paragraph[] = [
    new Paragraph({
      spacing: { after: 120 },
      children: [new TextRun({ text: compilationTitle(doc), bold: true, size: 28 })],
    }),
    new Paragraph({
      spacing: { after: 240 },
      children: [
        new TextRun({
          text: `${doc.committee} · ${doc.entries.length} amendments, in voting order`,
          italics: true,
          size: SIZE,
        }),
      ],
    }),
  ];
  for (const e of doc.entries) {
    const date = e.tabledAt.toISOString().replace(/\.\d+Z$/, 'Z');
    body.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 240 },
        children: [new TextRun({ text: entryHeading(e), bold: true, size: SIZE })],
      }),
    );
    body.push(
      new Paragraph({
        keepNext: true,
        children: [new TextRun({ text: `${kindWords(e)} — ${entryByline(e)}`, size: 20, color: '555555' })],
      }),
    );
    body.push(
      new Paragraph({
        spacing: { before: 120, after: 120 },
        children: e.segments.map((s) => {
          if (s.op === 'insert')
            return new InsertedTextRun({ text: s.text, id: ++changeId, author: e.sponsor, date, size: SIZE });
          if (s.op === 'delete')
            return new DeletedTextRun({ text: s.text, id: ++changeId, author: e.sponsor, date, size: SIZE });
          return new TextRun({ text: s.text, size: SIZE });
        }),
      }),
    );
    if (e.rationale)
      body.push(
        new Paragraph({
          children: [
            new TextRun({ text: 'Rationale: ', italics: true, size: 20 }),
            new TextRun({ text: e.rationale, size: 20 }),
          ],
        }),
      );
  }
  const file = new Document({ title: compilationTitle(doc), creator: 'Concord', sections: [{ children: body }] });
  return new Uint8Array(await Packer.toBuffer(file));
}
