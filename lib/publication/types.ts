/**
 * The published document: the adopted text as printed, in the shape of the IPU example
 * (data/ipu-122nd-assembly-resolution.txt) — heading, enacting formula, preambular and
 * numbered operative paragraphs, footnotes. Every renderer (plain text, HTML, DOCX, PDF,
 * Akoma Ntoso) reads this one structure, so they cannot disagree on numbers or wording.
 */
import type { AdoptionRecord, ReservationKind } from '../resolution/types';

/** A reservation as recorded: by stable paragraph id, never by number (numbers move). */
export interface PublicationReservation {
  delegationName: string;
  kind: ReservationKind;
  /** Stable paragraph id, or null for the resolution as a whole. */
  paragraphId: string | null;
  /** The words after the paragraph reference: 'in relation to the concept of "gender equality".' */
  text: string;
}

/**
 * A place in the published text, by the paragraph's number at publication: what a footnote
 * is about, what a vote was on. Stable ids stay in the database; the published text speaks
 * in numbers.
 */
export type TextRef =
  | { kind: 'resolution' }
  | { kind: 'preambular'; number: number }
  | { kind: 'operative'; number: number }
  | { kind: 'subparagraph'; number: number; letter: string };

export interface PublishedFootnote {
  /** "*", "**", "***" … in order of appearance. */
  marker: string;
  /** The sentence(s), without the marker. */
  text: string;
  target: TextRef;
  /** The delegations named, in the order printed. */
  delegations: string[];
}

export interface PublishedSubparagraph {
  /** "a", "b" … (printed "(a)"). */
  letter: string;
  text: string;
}

export interface PublishedOperative {
  /** 1-based, printed "1.". */
  number: number;
  text: string;
  subparagraphs: PublishedSubparagraph[];
}

export interface PublishedDocument {
  adoption: AdoptionRecord;
  /** "Resolution adopted by consensus* by the 122nd IPU Assembly", "(Bangkok, 1 April 2010)". */
  headingLines: string[];
  /** "The 122nd Assembly of the Inter-Parliamentary Union," — null when the text has none. */
  enactingFormula: string | null;
  preambular: string[];
  operative: PublishedOperative[];
  /** As printed, marker first: "* The delegation of Iran (Islamic Rep. of) expressed …". */
  footnotes: string[];
  /** The same footnotes, structured: for anchors (HTML) and notes (Akoma Ntoso). */
  notes: PublishedFootnote[];
  /** Stable paragraph id → its place in the published text (to point votes at paragraphs). */
  paragraphRefs: Record<string, TextRef>;
}
