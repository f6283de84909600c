/**
 * From the adopted text to the published document: numbers computed once, footnotes
 * composed against those numbers, heading with the footnote call-outs. Renderers only lay
 * this structure out.
 */
import { DomainError } from '../errors';
import { numberParagraphs } from '../resolution/numbering';
import type { AdoptionRecord, Paragraph } from '../resolution/types';
import { composeFootnotes, headingMarkers, textRefOf } from './footnotes';
import { renderHeading } from './heading';
import type { PublicationReservation, PublishedDocument, PublishedOperative, TextRef } from './types';

export interface PublicationInput {
  adoption: AdoptionRecord;
  enactingFormula: string | null;
  /** The adopted text, flat, in order (sub-paragraphs follow their operative paragraph). */
  paragraphs: readonly Paragraph[];
  /** Reservations still standing (withdrawn ones left out by the caller). */
  reservations: readonly PublicationReservation[];
}

/** Line breaks typed inside a paragraph print as spaces; a printed paragraph is one block. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export function buildPublishedDocument(input: PublicationInput): PublishedDocument {
  // Empty paragraphs (left mid-edit) are not printed, and the numbers run without gaps over
  // those that are: the same rule as the plain-text export of drafts.
  const kept: Paragraph[] = input.paragraphs.map((p) => ({ ...p, text: oneLine(p.text) })).filter((p) => p.text !== '');
  const preambular: string[] = [];
  const operative: PublishedOperative[] = [];
  // No prototype: a paragraph id is data, and "__proto__" must stay an ordinary key.
  const paragraphRefs: Record<string, TextRef> = Object.create(null);
  for (const p of numberParagraphs(kept)) {
    paragraphRefs[p.id] = textRefOf(p);
    if (p.kind === 'preambular') preambular.push(p.text);
    else if (p.kind === 'operative') operative.push({ number: p.ordinal, text: p.text, subparagraphs: [] });
    else {
      const parent = operative[operative.length - 1];
      if (!parent) {
        throw new DomainError(
          'unprocessable:publication',
          `Sub-paragraph (${p.printedNumber.slice(1, -1)}) comes before the first operative paragraph, so it belongs to none: move it under an operative paragraph before publishing.`,
        );
      }
      parent.subparagraphs.push({ letter: p.printedNumber.slice(1, -1), text: p.text });
    }
  }
  const notes = composeFootnotes(input.reservations, kept);
  const formula = input.enactingFormula ? oneLine(input.enactingFormula) : '';
  return {
    adoption: input.adoption,
    headingLines: renderHeading(input.adoption, headingMarkers(notes)),
    enactingFormula: formula || null,
    preambular,
    operative,
    footnotes: notes.map((n) => `${n.marker} ${n.text}`),
    notes,
    paragraphRefs,
  };
}

/** The adoption line without its footnote call-outs: a title for the file's metadata. */
export function documentTitle(doc: PublishedDocument): string {
  const first = doc.headingLines[0] ?? 'Resolution';
  const markers = headingMarkers(doc.notes);
  return markers ? first.replace(markers, '') : first;
}
