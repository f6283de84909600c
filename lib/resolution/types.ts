/**
 * The shape of a resolution's text, independent of how it is stored.
 *
 * The live text is a flat sequence of paragraphs: a sub-paragraph belongs to the
 * operative paragraph before it. Flat (rather than nested) keeps splitting, joining and
 * moving paragraphs in the editor trivial, and numbering is derived from position anyway.
 */

/**
 * Operative paragraphs may have sub-paragraphs ((a), (b)…), and those sub-sub-paragraphs
 * ((i), (ii)…, as in the UN editorial manual).
 */
export type ParagraphKind = 'preambular' | 'operative' | 'subparagraph' | 'subsubparagraph';

export const PARAGRAPH_KINDS: readonly ParagraphKind[] = ['preambular', 'operative', 'subparagraph', 'subsubparagraph'];

/** A sub-paragraph or sub-sub-paragraph: it belongs to the operative paragraph above it. */
export const isSubordinate = (kind: ParagraphKind) => kind === 'subparagraph' || kind === 'subsubparagraph';

/** A run of text with marks, as the editor stores it. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface Paragraph {
  /** Stable id: survives edits, moves and renumbering. Every reference points here. */
  id: string;
  kind: ParagraphKind;
  /** Plain text (marks dropped), whitespace as stored. */
  text: string;
  /** The same text with marks; omitted when the paragraph has no marks. */
  runs?: TextRun[];
}

/** A paragraph with the number computed from its position. */
export interface NumberedParagraph extends Paragraph {
  /** 1-based index among its kind: PP 3 → 3, OP 8 → 8, sub-paragraph (b) → 2, (iii) → 3. */
  ordinal: number;
  /** For a sub-paragraph (or sub-sub-paragraph): the ordinal of the operative paragraph it belongs to. */
  parentOrdinal?: number;
  /** For a sub-sub-paragraph: the ordinal of the sub-paragraph it belongs to. */
  subOrdinal?: number;
  /** Short label shown in the margin and in references: "PP 3", "OP 8", "8 (b)". */
  label: string;
  /** How it is printed before the text in the published document: "", "8.", "(b)". */
  printedNumber: string;
}

export type AdoptionMethod = 'consensus' | 'vote' | 'without_vote' | 'recorded_vote';

export interface AdoptionRecord {
  method: AdoptionMethod;
  /** "122nd IPU Assembly" as printed in the heading after "by the". */
  body: string;
  place?: string;
  /** ISO date (YYYY-MM-DD). */
  date?: string;
  /** For adoption by vote: the counts as printed, when the heading states them. */
  votes?: { yes: number; no: number; abstain: number };
}

export type ReservationKind = 'reservation' | 'dissociation' | 'interpretative_statement';

/**
 * How sub-paragraphs are numbered in print: "(a)", "(b)" (UN, IPU) or "3.1", "3.2" (Council
 * of Europe). Operative paragraphs are "1.", "2." either way.
 */
export type SubparagraphNumbering = 'letter' | 'decimal';

/**
 * A place in the text by its printed number: what a footnote names, what a vote was on.
 * `letter` is the sub-paragraph's printed label without brackets or parent: "b", or "2"
 * for "3.2" in decimal numbering.
 */
export type ParagraphRef =
  | { kind: 'resolution' }
  | { kind: 'preambular'; number: number }
  | { kind: 'operative'; number: number }
  | { kind: 'subparagraph'; number: number; letter: string }
  /** `item` as printed without brackets: "ii", or "1" for "3.2.1". */
  | { kind: 'subsubparagraph'; number: number; letter: string; item: string };

export interface ParsedReservation {
  delegation: string;
  kind: ReservationKind;
  /** The place the statement names, as printed. */
  target: ParagraphRef;
  /** The stable id of that paragraph in the parsed text; null for the whole text (or a place not found). */
  paragraphId: string | null;
  /** The words after the paragraph reference ("in relation to the concept of …"). */
  text: string;
  /** Index into ParsedResolution.footnotes: the footnote that printed it. */
  footnote: number;
}

/** A footnote as printed: kept whole, so a published text prints it again as it was. */
export interface ParsedFootnote {
  line: number;
  /** "*", "**", "1", "†" as printed. */
  marker: string;
  /** The footnote's text, marker removed. */
  text: string;
  /** How many statements (reservations…) it records; 0 for a note such as the vote's counts. */
  statements: number;
}

export interface ParseIssue {
  line: number;
  message: string;
}

export interface ParsedResolution {
  /** The lines above the text as printed (heading, place and date, symbol and title…), null for a draft without them. */
  heading: string | null;
  adoption: AdoptionRecord | null;
  /** The title the text carries (a title line, or the title after a UN symbol or a PACE number). */
  title: string | null;
  /** "78/233" (General Assembly), "2799 (2025)" (Security Council, PACE), as printed. */
  symbol: string | null;
  /** "The 122nd Assembly of the Inter-Parliamentary Union," or null. */
  enactingFormula: string | null;
  paragraphs: Paragraph[];
  subparagraphNumbering: SubparagraphNumbering;
  /** Lines after the operative part kept as printed: "50th plenary meeting", PACE's "Assembly debate on …". */
  trailer: string[];
  footnotes: ParsedFootnote[];
  reservations: ParsedReservation[];
}

export type ParseResult =
  | { ok: true; resolution: ParsedResolution; warnings: ParseIssue[] }
  | { ok: false; errors: ParseIssue[] };

export const STAGES = ['drafting', 'amendments', 'voting', 'adopted', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];
