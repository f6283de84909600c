import { numberParagraphs } from '../resolution/numbering';
import type { Paragraph } from '../resolution/types';
import type { DiffSegment } from './diff';
import { amendmentRedline } from './redline';
import type { Amendment, AmendmentStatus } from './types';
import { computeVotingOrder, type VotingOrderEntry } from './voting-order';

/**
 * The compilation of amendments, as the committee reads it: each amendment with the
 * paragraph's current number, its redline against the text as it reads now, whether it is
 * stale (and whether it needs its sponsor), and its place in the voting order.
 */

export interface OrderedAmendment extends Amendment {
  /** Set by the chair; null keeps the suggested place. */
  votingPosition: number | null;
}

export interface VotingPlace extends VotingOrderEntry {
  /** The chair placed it (the reason then says where the suggestion had it). */
  byChair: boolean;
}

/**
 * The order that will be followed: the chair's when set, otherwise the suggestion. When the
 * chair ordered some amendments and others were tabled since, those follow in suggested order.
 */
export function votingOrder(amendments: readonly OrderedAmendment[], paragraphs: readonly Paragraph[]): VotingPlace[] {
  const suggested = computeVotingOrder(amendments, paragraphs);
  const chair = new Map(
    amendments.filter((a) => a.status === 'tabled' && a.votingPosition !== null).map((a) => [a.id, a.votingPosition!]),
  );
  if (chair.size === 0) return suggested.map((e) => ({ ...e, byChair: false }));
  const parentOf = new Map(amendments.map((a) => [a.id, a.parentAmendmentId]));
  const placed = suggested
    .filter((e) => chair.has(e.amendmentId))
    .sort((x, y) => chair.get(x.amendmentId)! - chair.get(y.amendmentId)!);
  for (const e of suggested.filter((s) => !chair.has(s.amendmentId))) {
    // A sub-amendment tabled since still goes just before the amendment it changes.
    const parentAt = placed.findIndex((p) => p.amendmentId === parentOf.get(e.amendmentId));
    if (parentAt >= 0) placed.splice(parentAt, 0, e);
    else placed.push(e);
  }
  return placed.map((e, i) => {
    const byChair = chair.has(e.amendmentId);
    const reason = byChair
      ? `Placed by the chair (suggested: ${e.position}. ${e.reason})`
      : `Tabled after the chair set the order; suggested: ${e.reason}`;
    return { ...e, position: i + 1, byChair, reason };
  });
}

export interface CompiledAmendment {
  amendment: Amendment;
  /** The paragraph's current label ("OP 8"), or for an insertion "new, after OP 8"; null when gone. */
  paragraphLabel: string | null;
  paragraphId: string | null;
  paragraphDeleted: boolean;
  segments: DiffSegment[];
  stale: boolean;
  /** Stale in the words it amends: its sponsor must rewrite it against `currentText`. */
  conflict: boolean;
  /** The text it is measured against now (for the sponsor's side-by-side when in conflict). */
  currentText: string;
  voting: VotingPlace | null;
}

export interface CompilationFilter {
  status?: AmendmentStatus;
  delegationId?: string;
  paragraphId?: string;
}

export function compileAmendments(
  amendments: readonly OrderedAmendment[],
  paragraphs: readonly Paragraph[],
  filter: CompilationFilter = {},
): CompiledAmendment[] {
  const labels = new Map(numberParagraphs(paragraphs).map((p) => [p.id, p.label]));
  const texts = new Map(paragraphs.map((p) => [p.id, p.text]));
  const byId = new Map(amendments.map((a) => [a.id, a]));
  const places = new Map(votingOrder(amendments, paragraphs).map((e) => [e.amendmentId, e]));

  return amendments
    .filter((a) => matches(a, filter))
    .map((a) => {
      const paragraphId = a.kind === 'insert' ? a.anchorParagraphId : a.targetParagraphId;
      const label = paragraphId ? (labels.get(paragraphId) ?? null) : null;
      const paragraphLabel = a.kind === 'insert' && label ? `new, ${a.position ?? 'after'} ${label}` : label;
      const paragraphDeleted = paragraphId !== null && !labels.has(paragraphId);
      const parent = a.parentAmendmentId ? byId.get(a.parentAmendmentId) : undefined;
      const currentText = parent
        ? parent.proposedText
        : a.kind === 'insert'
          ? ''
          : (texts.get(a.targetParagraphId ?? '') ?? a.baseText);
      // A sub-amendment (always a 'modify') is a redline on its parent's proposed text. An
      // amendment already decided shows what it proposed, against the text it was written on.
      const inPlay = a.status === 'draft' || a.status === 'tabled';
      const { segments, stale, conflict } = inPlay
        ? amendmentRedline(a, currentText)
        : { ...amendmentRedline(a, a.baseText), stale: false, conflict: false };
      return {
        amendment: a,
        paragraphLabel,
        paragraphId,
        paragraphDeleted,
        segments,
        stale,
        conflict,
        currentText,
        voting: places.get(a.id) ?? null,
      };
    });
}

function matches(a: Amendment, filter: CompilationFilter): boolean {
  if (filter.status && a.status !== filter.status) return false;
  if (
    filter.delegationId &&
    a.sponsorDelegationId !== filter.delegationId &&
    !a.coSponsorDelegationIds.includes(filter.delegationId)
  )
    return false;
  if (filter.paragraphId && a.targetParagraphId !== filter.paragraphId && a.anchorParagraphId !== filter.paragraphId)
    return false;
  return true;
}
