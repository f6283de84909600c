/**
 * The published document as a Word file (.docx), laid out like the printed text: heading
 * bold and centred, the enacting formula, preambular paragraphs, operative paragraphs with
 * hanging numbers, sub-paragraphs indented one step further, footnotes after the text.
 *
 * Numbers are typed ("8.", "(b)"), not Word list numbering: they are the numbers computed at
 * publication, they survive copy and paste into other documents, and the file reads back
 * through the import (docxToText + parseResolutionText) as it was written.
 * Footnotes are printed after the text, as in the published IPU texts, rather than as Word
 * footnotes, whose reference marks are numbers where the secretariat uses asterisks.
 */
import { AlignmentType, Document, Packer, Paragraph, Tab, TabStopType, TextRun, type ISectionOptions } from 'docx';
import { documentTitle } from './document';
import type { PublishedDocument } from './types';

/** Word measures in twentieths of a point (twips) and font sizes in half-points. */
const CM = 567;
const A4 = { width: 11906, height: 16838 };
const STEP = Math.round(1.25 * CM);
const BODY_SIZE = 24; // 12 pt
const NOTE_SIZE = 20; // 10 pt
const AFTER = 200; // 10 pt after each paragraph

/** "1.<tab>text" hanging from `left`: the number sits one step to the left of the text. */
function hanging(label: string, text: string, left: number, size = BODY_SIZE): Paragraph {
  return new Paragraph({
    indent: { left, hanging: STEP },
    tabStops: [{ type: TabStopType.LEFT, position: left }],
    spacing: { after: AFTER },
    // A real <w:tab/>: a tab character typed inside the text would print as a space.
    children: [new TextRun({ children: [label, new Tab(), text], size })],
  });
}

const plain = (text: string) =>
  new Paragraph({ spacing: { after: AFTER }, children: [new TextRun({ text, size: BODY_SIZE })] });

function body(doc: PublishedDocument): Paragraph[] {
  const out: Paragraph[] = doc.headingLines.map(
    (line, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { after: i === doc.headingLines.length - 1 ? 2 * AFTER : 0 },
        children: [new TextRun({ text: line, bold: true, size: BODY_SIZE })],
      }),
  );
  if (doc.enactingFormula) out.push(plain(doc.enactingFormula));
  out.push(...doc.preambular.map(plain));
  for (const op of doc.operative) {
    out.push(hanging(`${op.number}.`, op.text, STEP));
    for (const sub of op.subparagraphs) out.push(hanging(`(${sub.letter})`, sub.text, 2 * STEP));
  }
  if (doc.notes.length > 0) {
    // A short rule above the footnotes, as printed.
    out.push(
      new Paragraph({
        spacing: { before: 2 * AFTER, after: AFTER },
        border: { top: { style: 'single', size: 6, color: '999999', space: 1 } },
        children: [],
      }),
    );
    out.push(...doc.notes.map((n) => hanging(n.marker, n.text, STEP, NOTE_SIZE)));
  }
  return out;
}

export async function renderPublishedDocx(doc: PublishedDocument): Promise<Uint8Array> {
  const section: ISectionOptions = {
    properties: {
      page: {
        size: A4,
        margin: {
          top: Math.round(2.5 * CM),
          bottom: Math.round(2.5 * CM),
          left: Math.round(2.5 * CM),
          right: Math.round(2.5 * CM),
        },
      },
    },
    children: body(doc),
  };
  const file = new Document({
    title: documentTitle(doc),
    creator: 'Concord',
    styles: { default: { document: { run: { font: 'Times New Roman', size: BODY_SIZE } } } },
    sections: [section],
  });
  const buffer = await Packer.toBuffer(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
