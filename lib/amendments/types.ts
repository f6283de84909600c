import type { ParagraphKind } from '../resolution/types';

/**
 * Amendments as the rules of procedure see them: a proposal to change one paragraph of a
 * draft, tabled under a number, put to the vote in a computed order, and adopted,
 * rejected, or made to fall by the adoption of another.
 *
 * Every paragraph reference is a stable paragraph id (see lib/resolution/types.ts), never a
 * number: "an amendment to OP 8" keeps pointing at the same words when a paragraph is
 * inserted above it and they become OP 9.
 */

/**
 * - modify: replaces the wording of the target paragraph with `proposedText`.
 * - insert: adds a new paragraph (`newKind`, `proposedText`) before or after an anchor.
 * - delete: removes the target paragraph (with its sub-paragraphs, for an operative one).
 * - move: relocates the target paragraph before or after an anchor, wording unchanged.
 */
export type AmendmentKind = 'modify' | 'insert' | 'delete' | 'move';

/**
 * draft → tabled (numbered, before the committee) → adopted | rejected | fallen, or
 * withdrawn by its sponsor, or ruled inadmissible by the chair.
 */
export type AmendmentStatus = 'draft' | 'tabled' | 'withdrawn' | 'inadmissible' | 'adopted' | 'rejected' | 'fallen';

export const AMENDMENT_KINDS: readonly AmendmentKind[] = ['modify', 'insert', 'delete', 'move'];
export const AMENDMENT_STATUSES: readonly AmendmentStatus[] = [
  'draft',
  'tabled',
  'withdrawn',
  'inadmissible',
  'adopted',
  'rejected',
  'fallen',
];

export type AnchorPosition = 'before' | 'after';

export interface Amendment {
  id: string;
  /** Assigned on tabling ("A/3"); null while draft. Also the tabling order. */
  number: string | null;
  kind: AmendmentKind;
  /** The paragraph changed, deleted or moved (modify, delete, move); null for insert. */
  targetParagraphId: string | null;
  /** Insert: where the new paragraph goes. Move: the destination. Null otherwise. */
  anchorParagraphId: string | null;
  position: AnchorPosition | null;
  /** Insert: the kind of the new paragraph. Null otherwise. */
  newKind: ParagraphKind | null;
  /**
   * Modify: the whole paragraph as amended. Insert: the new paragraph's text.
   * Sub-amendment: the parent's proposed text as sub-amended. Empty for delete and move.
   */
  proposedText: string;
  /**
   * The text the amendment was written against: the target paragraph's text when drafted
   * (for a sub-amendment, the parent's proposed text). It makes the amendment a diff
   * that can be shown as a redline and rebased when the paragraph changes meanwhile.
   */
  baseText: string;
  /** hashText(baseText): a cheap "has the paragraph changed since?" check. */
  baseHash: string;
  rationale: string;
  sponsorDelegationId: string;
  coSponsorDelegationIds: string[];
  /** Set for a sub-amendment: it amends that amendment's proposed text, not the resolution. */
  parentAmendmentId: string | null;
  status: AmendmentStatus;
  /** Why it was ruled inadmissible, fell, or was withdrawn; shown next to the status. */
  statusReason: string | null;
}

/** A half-open range [start, end) of character offsets into a text. */
export interface TextRange {
  start: number;
  end: number;
}

/** One amendment that can no longer be put to the vote, and why. */
export interface FallenAmendment {
  amendmentId: string;
  reason: string;
}

export const isSubAmendment = (a: Amendment): boolean => a.parentAmendmentId !== null;

/** How an amendment is named in reasons and messages: its number, or "a draft amendment". */
export const amendmentName = (a: Amendment): string => a.number ?? 'a draft amendment';
