/**
 * The shape of a resolution's text, independent of how it is stored.
 *
 * The live text is a flat sequence of paragraphs: a sub-paragraph belongs to the
 * operative paragraph before it. Flat (rather than nested) keeps splitting, joining and
 * moving paragraphs in the editor trivial, and numbering is derived from position anyway.
 */

export type ParagraphKind = 'preambular' | 'operative' | 'subparagraph';

export const PARAGRAPH_KINDS: readonly ParagraphKind[] = ['preambular', 'operative', 'subparagraph'];

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
  /** 1-based index among its kind: PP 3 → 3, OP 8 → 8, sub-paragraph (b) → 2. */
  ordinal: number;
  /** For a sub-paragraph: the ordinal of the operative paragraph it belongs to. */
  parentOrdinal?: number;
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

export interface ParsedReservation {
  delegation: string;
  kind: ReservationKind;
  /** Operative paragraph ordinal it refers to, or null for the whole text. */
  operativeParagraph: number | null;
  /** The words after the paragraph reference ("in relation to the concept of …"). */
  text: string;
  /** The footnote as printed, for archiving. */
  footnote: string;
}

export interface ParseIssue {
  line: number;
  message: string;
}

export interface ParsedResolution {
  /** The heading line(s) as printed, null for a draft without heading. */
  heading: string | null;
  adoption: AdoptionRecord | null;
  /** "The 122nd Assembly of the Inter-Parliamentary Union," or null. */
  enactingFormula: string | null;
  paragraphs: Paragraph[];
  reservations: ParsedReservation[];
}

export type ParseResult =
  | { ok: true; resolution: ParsedResolution; warnings: ParseIssue[] }
  | { ok: false; errors: ParseIssue[] };

export const STAGES = ['drafting', 'amendments', 'voting', 'adopted', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];
