/**
 * The published document: the adopted text as printed, in the shape of the IPU example
 * (data/ipu-122nd-assembly-resolution.txt) — heading, enacting formula, preambular and
 * numbered operative paragraphs, footnotes. Every renderer (plain text, HTML, DOCX, PDF,
 * Akoma Ntoso) reads this one structure, so they cannot disagree on numbers or wording.
 */
import type { AdoptionRecord, ParagraphRef, ReservationKind, SubparagraphNumbering } from '../resolution/types';

/** A reservation as recorded: by stable paragraph id, never by number (numbers move). */
export interface PublicationReservation {
  delegationName: string;
  kind: ReservationKind;
  /** Stable paragraph id, or null for the resolution as a whole. */
  paragraphId: string | null;
  /** The words after the paragraph reference: 'in relation to the concept of "gender equality".' */
  text: string;
  /** The printed footnote it was imported from, and its place in it; absent when recorded in Concord. */
  footnoteId?: string | null;
  footnoteOrder?: number | null;
}

/** A footnote kept as printed (an imported adopted text): printed again while all its statements stand. */
export interface PrintedFootnote {
  id: string;
  marker: string;
  text: string;
  /** How many statements it held when stored (reservations with its footnoteId). */
  statements: number;
}

/** The lines an imported adopted text printed above and after its body, republished as printed. */
export interface PrintedFrame {
  /** Heading lines: adoption line, place and date, report, symbol and title… with their footnote call-outs. */
  heading: string[];
  /** Closing blocks: "50th plenary meeting\n14 December 2023", "Assembly debate on …". */
  trailer: string[];
}

/**
 * A place in the published text, by the paragraph's number at publication: what a footnote
 * is about, what a vote was on. Stable ids stay in the database; the published text speaks
 * in numbers.
 */
export type TextRef = ParagraphRef;

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
  /** "a", "b" … (printed "(a)"); "1", "2" in decimal numbering (printed "3.1."). */
  letter: string;
  /** As printed before the text: "(a)" or "3.1.". */
  label: string;
  text: string;
  /** Its sub-sub-paragraphs, printed "(i)", "(ii)" (or "3.1.1."). */
  items: PublishedItem[];
}

export interface PublishedItem {
  /** "i", "ii" … ("1" in decimal numbering). */
  numeral: string;
  /** As printed before the text: "(i)" or "3.1.1.". */
  label: string;
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
  /** BCP 47 code of the language the document is written in ("en", "fr"). */
  language: string;
  /** The resolution's title and symbol, for the file's properties ('' when unknown). */
  title: string;
  symbol: string;
  subparagraphNumbering: SubparagraphNumbering;
  /** "Resolution adopted by consensus* by the 122nd IPU Assembly", "(Bangkok, 1 April 2010)". */
  headingLines: string[];
  /** "The 122nd Assembly of the Inter-Parliamentary Union," — null when the text has none. */
  enactingFormula: string | null;
  preambular: string[];
  operative: PublishedOperative[];
  /** Closing blocks printed after the text, before the footnotes (imported texts; usually none). */
  trailer: string[];
  /** As printed, marker first: "* The delegation of Iran (Islamic Rep. of) expressed …". */
  footnotes: string[];
  /** The same footnotes, structured: for anchors (HTML) and notes (Akoma Ntoso). */
  notes: PublishedFootnote[];
  /** Stable paragraph id → its place in the published text (to point votes at paragraphs). */
  paragraphRefs: Record<string, TextRef>;
}
