import PDFDocument from 'pdfkit';
import { checkPdfCoverage, embeddedFonts, type PdfFontFiles } from '../publication/pdf-fonts';
import {
  compilationTitle,
  entryByline,
  entryHeading,
  kindWords,
  type CompilationDocument,
} from './compilation-document';

/**
 * The compilation as a PDF (A4): each amendment with its insertions underlined and its
 * deletions struck through, as a printed compilation reads. It embeds the published text's
 * fonts (DejaVu Serif), because amendments quote delegations' names in every script of the
 * members; what those fonts cannot set is refused (422) before drawing, never printed as boxes.
 */
const MM = 72 / 25.4;

export function renderCompilationPdf(
  doc: CompilationDocument,
  options: { compress?: boolean; fonts?: PdfFontFiles } = {},
): Promise<Uint8Array> {
  const files = options.fonts ?? embeddedFonts();
  try {
    checkPdfCoverage(pieces(doc), files);
  } catch (e) {
    return Promise.reject(e);
  }
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 25 * MM, bottom: 25 * MM, left: 25 * MM, right: 25 * MM },
    compress: options.compress ?? true,
    info: { Title: compilationTitle(doc), Creator: 'Concord' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  pdf.registerFont('Roman', Buffer.from(files.regular));
  pdf.registerFont('Bold', Buffer.from(files.bold));
  pdf.registerFont('Italic', Buffer.from(files.italic ?? files.regular));
  pdf.font('Bold').fontSize(14).text(compilationTitle(doc), { align: 'center' });
  pdf
    .font('Italic')
    .fontSize(10)
    .text(`${doc.committee} · ${doc.entries.length} amendments, in voting order`, { align: 'center' });
  pdf.moveDown();
  for (const e of doc.entries) {
    pdf.moveDown(0.5);
    pdf.font('Bold').fontSize(12).fillColor('#000000').text(entryHeading(e));
    pdf
      .font('Roman')
      .fontSize(9)
      .fillColor('#555555')
      .text(`${kindWords(e)} — ${entryByline(e)}`);
    pdf.moveDown(0.3).font('Roman').fontSize(11.5);
    const segments = e.segments.length ? e.segments : [{ op: 'equal' as const, text: '' }];
    segments.forEach((s, i) => {
      const last = i === segments.length - 1;
      const color = s.op === 'insert' ? '#0b5d1e' : s.op === 'delete' ? '#a30000' : '#000000';
      pdf
        .fillColor(color)
        .text(s.text, { continued: !last, underline: s.op === 'insert', strike: s.op === 'delete', lineGap: 2 });
    });
    if (e.rationale)
      pdf.moveDown(0.3).font('Italic').fontSize(9.5).fillColor('#333333').text(`Rationale: ${e.rationale}`);
  }
  pdf.end();
  return done;
}

/** Every piece of text the compilation draws, named for a refusal's message. */
function pieces(doc: CompilationDocument): { where: string; text: string }[] {
  const all = [
    { where: 'the title', text: `${compilationTitle(doc)} ${doc.committee}` },
    ...doc.entries.flatMap((e) => [
      { where: entryHeading(e), text: `${entryHeading(e)} ${kindWords(e)} ${entryByline(e)}` },
      { where: entryHeading(e), text: e.segments.map((s) => s.text).join('') },
      { where: `the rationale of ${entryHeading(e)}`, text: e.rationale ?? '' },
    ]),
  ];
  return all;
}
