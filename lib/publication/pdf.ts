/**
 * The published document as a PDF (A4), set like the printed text: heading bold and
 * centred, 11.5 pt serif with generous leading, operative numbers hanging in the margin of
 * the text, footnotes under a short rule after the text, page numbers at the foot.
 *
 * The fonts are embedded (pdf-fonts.ts: DejaVu Serif, Latin, Greek and Cyrillic), never
 * the standard PDF fonts, whose WinAnsi encoding garbles every name beyond Western Europe;
 * a text the fonts cannot carry is refused before anything is drawn.
 */
import PDFDocument from 'pdfkit';
import { DomainError } from '../errors';
import { documentTitle } from './document';
import { checkPdfCoverage, embeddedFonts, type PdfFontFiles } from './pdf-fonts';
import type { PublishedDocument } from './types';

export interface PdfOptions {
  /** The fonts to embed; DejaVu Serif (pdf-fonts.ts) by default. */
  fonts?: PdfFontFiles;
  /** Compress content streams (default true); false keeps the text greppable, for tests. */
  compress?: boolean;
}

const MM = 72 / 25.4;
const MARGIN = { top: 25 * MM, bottom: 25 * MM, left: 25 * MM, right: 25 * MM };
const SIZE = 11.5;
const NOTE_SIZE = 9.5;
const LEADING = 3;
const GAP = 8;
/** Width of the column the operative numbers hang in. */
const STEP = 10 * MM;

type Pdf = InstanceType<typeof PDFDocument>;

function fonts(pdf: Pdf, files: PdfFontFiles): { regular: string; bold: string } {
  pdf.registerFont('body', Buffer.from(files.regular));
  pdf.registerFont('body-bold', Buffer.from(files.bold));
  return { regular: 'body', bold: 'body-bold' };
}

/** Every piece of text the PDF will draw, named for a refusal's message. */
function pieces(doc: PublishedDocument): { where: string; text: string }[] {
  return [
    ...doc.headingLines.map((text) => ({ where: 'the heading', text })),
    { where: 'the enacting formula', text: doc.enactingFormula ?? '' },
    ...doc.preambular.map((text, i) => ({ where: `preambular paragraph ${i + 1}`, text })),
    ...doc.operative.flatMap((op) => [
      { where: `operative paragraph ${op.number}`, text: op.text },
      ...op.subparagraphs.flatMap((sub) => [
        { where: `operative paragraph ${op.number} ${sub.label}`, text: sub.text },
        ...sub.items.map((item) => ({
          where: `operative paragraph ${op.number} ${sub.label} ${item.label}`,
          text: item.text,
        })),
      ]),
    ]),
    ...doc.trailer.map((text) => ({ where: 'the closing lines', text })),
    ...doc.footnotes.map((text, i) => ({ where: `footnote ${i + 1}`, text })),
  ];
}

/** Starts a new page unless two lines fit, so that a number never ends a page alone. */
function keepTwoLines(pdf: Pdf, size: number): void {
  const bottom = pdf.page.height - pdf.page.margins.bottom;
  if (pdf.y + 2 * (size + LEADING) > bottom) pdf.addPage();
}

function hanging(pdf: Pdf, label: string, text: string, left: number, size: number): void {
  keepTwoLines(pdf, size);
  const y = pdf.y;
  const width = pdf.page.width - pdf.page.margins.right - left;
  pdf.fontSize(size).text(label, left - STEP, y, { width: STEP, lineBreak: false });
  pdf.text(text, left, y, { width, lineGap: LEADING, align: 'left' });
  pdf.moveDown(GAP / size);
}

function pageNumbers(pdf: Pdf, font: string): void {
  const { start, count } = pdf.bufferedPageRange();
  if (count < 2) return;
  for (let i = start; i < start + count; i += 1) {
    pdf.switchToPage(i);
    // Written inside the bottom margin: lift the margin for a moment so no page is added.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(font)
      .fontSize(9)
      .text(`${i + 1} / ${count}`, pdf.page.margins.left, pdf.page.height - bottom / 2, {
        width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right,
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
}

/** Why the PDF cannot carry this text (a script its fonts lack), or null when it can. */
export function pdfRefusal(doc: PublishedDocument, fonts: PdfFontFiles = embeddedFonts()): string | null {
  try {
    checkPdfCoverage(pieces(doc), fonts);
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.message;
    throw e;
  }
}

export function renderPublishedPdf(doc: PublishedDocument, options: PdfOptions = {}): Promise<Uint8Array> {
  const files = options.fonts ?? embeddedFonts();
  try {
    checkPdfCoverage(pieces(doc), files);
  } catch (e) {
    return Promise.reject(e);
  }
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    compress: options.compress ?? true,
    bufferPages: true,
    info: {
      Title: documentTitle(doc),
      Subject: doc.symbol ? `Resolution ${doc.symbol}` : (doc.headingLines[0] ?? ''),
      Creator: 'Concord',
    },
    lang: doc.language ?? 'en',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });

  const font = fonts(pdf, files);
  const left = MARGIN.left;
  const width = pdf.page.width - MARGIN.left - MARGIN.right;
  pdf.font(font.bold).fontSize(SIZE);
  for (const line of doc.headingLines) pdf.text(line, left, undefined, { width, align: 'center', lineGap: LEADING });
  pdf.moveDown(1.5).font(font.regular);
  const block = (text: string) => {
    keepTwoLines(pdf, SIZE);
    pdf.fontSize(SIZE).text(text, left, undefined, { width, lineGap: LEADING });
    pdf.moveDown(GAP / SIZE);
  };
  if (doc.enactingFormula) block(doc.enactingFormula);
  doc.preambular.forEach(block);
  for (const op of doc.operative) {
    hanging(pdf, `${op.number}.`, op.text, left + STEP, SIZE);
    for (const sub of op.subparagraphs) {
      hanging(pdf, sub.label, sub.text, left + 2 * STEP, SIZE);
      for (const item of sub.items) hanging(pdf, item.label, item.text, left + 3 * STEP, SIZE);
    }
  }
  for (const closing of doc.trailer) block(closing);
  if (doc.notes.length > 0) {
    keepTwoLines(pdf, NOTE_SIZE);
    pdf.moveDown(0.5);
    pdf
      .moveTo(left, pdf.y)
      .lineTo(left + 50 * MM, pdf.y)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    pdf.moveDown(0.5);
    for (const n of doc.notes) hanging(pdf, n.marker, n.text, left + STEP, NOTE_SIZE);
  }
  pageNumbers(pdf, font.regular);
  pdf.end();
  return done;
}
