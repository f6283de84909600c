/**
 * From the adopted text to the published document: numbers computed once, footnotes
 * composed against those numbers, heading with the footnote call-outs. Renderers only lay
 * this structure out. A text imported as already adopted keeps the heading, closing lines
 * and footnotes it was printed with (PrintedFrame, PrintedFootnote).
 */
import { DomainError } from '../errors';
import { numberParagraphs } from '../resolution/numbering';
import type { AdoptionRecord, Paragraph, SubparagraphNumbering } from '../resolution/types';
import { composeFootnotes, headingMarkers, textRefOf } from './footnotes';
import { printedHeading, renderHeading } from './heading';
import { wordingFor } from './catalogues';
import type {
  PrintedFootnote,
  PrintedFrame,
  PublicationReservation,
  PublishedDocument,
  PublishedOperative,
  TextRef,
} from './types';

export interface PublicationInput {
  adoption: AdoptionRecord;
  enactingFormula: string | null;
  /** The adopted text, flat, in order (sub-paragraphs follow their operative paragraph). */
  paragraphs: readonly Paragraph[];
  /** Reservations still standing (withdrawn ones left out by the caller). */
  reservations: readonly PublicationReservation[];
  title?: string;
  symbol?: string;
  subparagraphNumbering?: SubparagraphNumbering;
  /** What an imported adopted text printed around its body; null for a text adopted here. */
  printedFrame?: PrintedFrame | null;
  printedFootnotes?: readonly PrintedFootnote[];
  /** The language of the text given (BCP 47, default "en"): heading and footnotes are worded in it. */
  language?: string;
}

/** Line breaks typed inside a paragraph print as spaces; a printed paragraph is one block. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export function buildPublishedDocument(input: PublicationInput): PublishedDocument {
  const numbering = input.subparagraphNumbering ?? 'letter';
  const language = input.language ?? 'en';
  const words = wordingFor(language);
  // Empty paragraphs (left mid-edit) are not printed, and the numbers run without gaps over
  // those that are: the same rule as the plain-text export of drafts.
  const kept: Paragraph[] = input.paragraphs.map((p) => ({ ...p, text: oneLine(p.text) })).filter((p) => p.text !== '');
  const preambular: string[] = [];
  const operative: PublishedOperative[] = [];
  // No prototype: a paragraph id is data, and "__proto__" must stay an ordinary key.
  const paragraphRefs: Record<string, TextRef> = Object.create(null);
  for (const p of numberParagraphs(kept, numbering)) {
    const ref = textRefOf(p, numbering);
    paragraphRefs[p.id] = ref;
    if (p.kind === 'preambular') preambular.push(p.text);
    else if (p.kind === 'operative') operative.push({ number: p.ordinal, text: p.text, subparagraphs: [] });
    else {
      const parent = operative[operative.length - 1];
      const sub = parent?.subparagraphs.at(-1);
      if (!parent || (p.kind === 'subsubparagraph' && !sub)) {
        throw new DomainError(
          'unprocessable:publication',
          `${p.kind === 'subparagraph' ? 'Sub-paragraph' : 'Sub-sub-paragraph'} ${p.printedNumber} comes before the ${p.kind === 'subparagraph' ? 'first operative paragraph' : 'first sub-paragraph of its paragraph'}, so it belongs to none: move it under one before publishing.`,
        );
      }
      if (ref.kind === 'subsubparagraph') sub?.items.push({ numeral: ref.item, label: p.printedNumber, text: p.text });
      else if (ref.kind === 'subparagraph')
        parent.subparagraphs.push({ letter: ref.letter, label: p.printedNumber, text: p.text, items: [] });
    }
  }
  const printed = input.printedFootnotes ?? [];
  const notes = composeFootnotes(input.reservations, kept, { printed, numbering, words });
  const formula = input.enactingFormula ? oneLine(input.enactingFormula) : '';
  const frame = input.printedFrame;
  const markers = headingMarkers(notes);
  return {
    adoption: input.adoption,
    language,
    title: input.title ?? '',
    symbol: input.symbol ?? '',
    subparagraphNumbering: numbering,
    headingLines: frame
      ? printedHeading(frame.heading, printed.map((f) => f.marker).join(','), markers)
      : renderHeading(input.adoption, markers, words),
    enactingFormula: formula || null,
    preambular,
    operative,
    trailer: frame?.trailer ?? [],
    footnotes: notes.map((n) => `${n.marker} ${n.text}`),
    notes,
    paragraphRefs,
  };
}

/** The adoption line without its footnote call-outs: a title for the file's metadata. */
export function documentTitle(doc: PublishedDocument): string {
  if (doc.title) return doc.title;
  const first = doc.headingLines[0] ?? 'Resolution';
  const markers = headingMarkers(doc.notes);
  return markers ? first.replace(markers, '') : first;
}
