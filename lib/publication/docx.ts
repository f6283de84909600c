/**
 * The published document as a Word file a secretariat keeps working in:
 *
 * - named paragraph styles: Resolution Heading, Enacting Formula, Preambular Paragraph,
 *   Operative Paragraph, Sub-paragraph, Sub-sub-paragraph, Closing Lines (and Word's Footnote Text);
 * - Word's automatic numbering (numbering.xml): operative paragraphs "1.", "2." at level 0,
 *   sub-paragraphs "(a)", "(b)" (or "3.1." in decimal numbering) at level 1 and their
 *   "(i)", "(ii)" at level 2, each restarting under the level above, so inserting a
 *   paragraph in Word renumbers the rest;
 * - each footnote a real Word footnote whose reference sits at the heading's call-out, with
 *   the secretariat's own mark ("*", "**") rather than Word's numbers (customMarkFollows);
 * - document properties: title, subject (the symbol or the adoption line), language, and the
 *   date of adoption as a custom property;
 * - the document's language on every run (the default run properties) and in the core
 *   properties (dc:language), so Word checks a French export's spelling in French.
 *
 * It reads back through Concord's own .docx import (mammoth turns the numbering into lists
 * and the footnotes into a list of notes, lib/resolution/docx.ts) to the same structure.
 */
import {
  AlignmentType,
  Document,
  ImportedXmlComponent,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  XmlComponent,
  type ISectionOptions,
} from 'docx';
import { isRightToLeft } from '../languages/codes';
import { escapeMarkup } from './escape';
import { documentTitle } from './document';
import { headingMarkers } from './footnotes';
import type { PublishedDocument } from './types';

/** Word measures in twentieths of a point (twips) and font sizes in half-points. */
const CM = 567;
const A4 = { width: 11906, height: 16838 };
const STEP = Math.round(1.25 * CM);
const BODY_SIZE = 24; // 12 pt
const NOTE_SIZE = 20; // 10 pt
const AFTER = 200; // 10 pt after each paragraph
const NUMBERING = 'resolution-paragraphs';

export const DOCX_STYLES = {
  heading: 'ResolutionHeading',
  formula: 'EnactingFormula',
  preambular: 'PreambularParagraph',
  operative: 'OperativeParagraph',
  subparagraph: 'Subparagraph',
  subsubparagraph: 'Subsubparagraph',
  closing: 'ClosingLines',
} as const;

const paragraphStyles = [
  {
    id: DOCX_STYLES.heading,
    name: 'Resolution Heading',
    run: { bold: true, size: BODY_SIZE },
    paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: 0 } },
  },
  { id: DOCX_STYLES.formula, name: 'Enacting Formula', paragraph: { spacing: { before: 2 * AFTER, after: AFTER } } },
  { id: DOCX_STYLES.preambular, name: 'Preambular Paragraph', paragraph: { spacing: { after: AFTER } } },
  { id: DOCX_STYLES.operative, name: 'Operative Paragraph', paragraph: { spacing: { after: AFTER } } },
  { id: DOCX_STYLES.subparagraph, name: 'Sub-paragraph', paragraph: { spacing: { after: AFTER } } },
  { id: DOCX_STYLES.subsubparagraph, name: 'Sub-sub-paragraph', paragraph: { spacing: { after: AFTER } } },
  { id: DOCX_STYLES.closing, name: 'Closing Lines', paragraph: { spacing: { before: AFTER, after: AFTER } } },
].map((s) => ({ basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: BODY_SIZE }, ...s }));

function numbering(doc: PublishedDocument) {
  const decimal = doc.subparagraphNumbering === 'decimal';
  return {
    config: [
      {
        reference: NUMBERING,
        levels: [
          {
            level: 0,
            format: LevelFormat.DECIMAL,
            text: '%1.',
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: STEP, hanging: STEP } } },
          },
          {
            level: 1,
            format: decimal ? LevelFormat.DECIMAL : LevelFormat.LOWER_LETTER,
            text: decimal ? '%1.%2.' : '(%2)',
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 2 * STEP, hanging: STEP } } },
          },
          {
            level: 2,
            format: decimal ? LevelFormat.DECIMAL : LevelFormat.LOWER_ROMAN,
            text: decimal ? '%1.%2.%3.' : '(%3)',
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 3 * STEP, hanging: STEP } } },
          },
        ],
      },
    ],
  };
}

/**
 * A footnote reference that prints the secretariat's mark ("*") instead of Word's number:
 * Word's customMarkFollows, which the docx library does not offer, written as WordprocessingML.
 */
function footnoteReference(id: number, mark: string): TextRun {
  const xml = `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="${id}"/><w:t xml:space="preserve">${escapeMarkup(mark)}</w:t></w:r>`;
  // An XmlComponent the paragraph serialises like any run; the type only lists the library's own runs.
  return ImportedXmlComponent.fromXmlString(xml) as unknown as TextRun;
}

/** The heading lines, the footnote references put where the call-outs are printed. */
function heading(doc: PublishedDocument): Paragraph[] {
  const markers = headingMarkers(doc.notes);
  let placed = false;
  return doc.headingLines.map((line, i) => {
    const at = markers && !placed ? line.indexOf(markers) : -1;
    const last = i === doc.headingLines.length - 1;
    const spacing = { after: last ? 2 * AFTER : 0 };
    if (at < 0) return new Paragraph({ style: DOCX_STYLES.heading, spacing, children: [new TextRun(line)] });
    placed = true;
    const references = doc.notes.flatMap((n, k) => [
      ...(k > 0 ? [new TextRun(',')] : []),
      footnoteReference(k + 1, n.marker),
    ]);
    return new Paragraph({
      style: DOCX_STYLES.heading,
      spacing,
      children: [new TextRun(line.slice(0, at)), ...references, new TextRun(line.slice(at + markers.length))],
    });
  });
}

function body(doc: PublishedDocument): Paragraph[] {
  const out: Paragraph[] = heading(doc);
  if (doc.enactingFormula) out.push(new Paragraph({ style: DOCX_STYLES.formula, text: doc.enactingFormula }));
  out.push(...doc.preambular.map((text) => new Paragraph({ style: DOCX_STYLES.preambular, text })));
  for (const op of doc.operative) {
    out.push(
      new Paragraph({ style: DOCX_STYLES.operative, numbering: { reference: NUMBERING, level: 0 }, text: op.text }),
    );
    for (const sub of op.subparagraphs) {
      out.push(
        new Paragraph({
          style: DOCX_STYLES.subparagraph,
          numbering: { reference: NUMBERING, level: 1 },
          text: sub.text,
        }),
      );
      for (const item of sub.items) {
        const level = { reference: NUMBERING, level: 2 };
        out.push(new Paragraph({ style: DOCX_STYLES.subsubparagraph, numbering: level, text: item.text }));
      }
    }
  }
  for (const block of doc.trailer) {
    const lines = block.split('\n');
    out.push(
      new Paragraph({
        style: DOCX_STYLES.closing,
        children: lines.map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : 0 })),
      }),
    );
  }
  return out;
}

/** Word footnotes 1…n: the mark typed at the start, as Word does for a custom mark, then the words. */
function footnotes(doc: PublishedDocument) {
  return Object.fromEntries(
    doc.notes.map((n, i) => [
      i + 1,
      {
        children: [
          new Paragraph({
            style: 'FootnoteText',
            children: [new TextRun({ text: `${n.marker} ${n.text}`, size: NOTE_SIZE })],
          }),
        ],
      },
    ]),
  );
}

/**
 * Word's proofing tools are chosen by language and region ("fr-FR"); a bare language code
 * gets the region its texts are usually proofed in (English as the IPU and the UN spell it).
 */
const PROOFING_REGION: Record<string, string> = {
  en: 'en-GB',
  fr: 'fr-FR',
  es: 'es-ES',
  ar: 'ar-SA',
  ru: 'ru-RU',
  zh: 'zh-CN',
  de: 'de-DE',
  it: 'it-IT',
  pt: 'pt-PT',
  nl: 'nl-NL',
  ja: 'ja-JP',
  ko: 'ko-KR',
};
const EAST_ASIAN = new Set(['zh', 'ja', 'ko']);

export function wordLanguageTag(code: string): string {
  return code.includes('-') ? code : (PROOFING_REGION[code.toLowerCase()] ?? code);
}

/** The run language: Latin text, and East Asian or right-to-left text when the language is one. */
function runLanguage(code: string) {
  const tag = wordLanguageTag(code);
  const primary = code.split('-')[0].toLowerCase();
  return {
    value: tag,
    ...(EAST_ASIAN.has(primary) ? { eastAsia: tag } : {}),
    ...(isRightToLeft(code) ? { bidirectional: tag } : {}),
  };
}

/** dc:language in docProps/core.xml, which the docx library does not write itself. */
class CoreLanguage extends XmlComponent {
  constructor(tag: string) {
    super('dc:language');
    this.root.push(tag);
  }
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
  const title = documentTitle(doc);
  const file = new Document({
    title,
    subject: doc.symbol ? `Resolution ${doc.symbol}` : (doc.headingLines[0] ?? title),
    description: doc.headingLines.join(' '),
    keywords: 'resolution',
    creator: 'Concord',
    customProperties: doc.adoption.date ? [{ name: 'Adopted', value: doc.adoption.date }] : [],
    styles: {
      default: { document: { run: { font: 'Times New Roman', size: BODY_SIZE, language: runLanguage(doc.language) } } },
      paragraphStyles,
    },
    numbering: numbering(doc),
    footnotes: footnotes(doc),
    sections: [section],
  });
  file.CoreProperties.addChildElement(new CoreLanguage(wordLanguageTag(doc.language)));
  const buffer = await Packer.toBuffer(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
