import { numberParagraphs } from '../resolution/numbering';
import type { Paragraph } from '../resolution/types';
import { changeRatio } from './diff';
import { amendmentName, type Amendment } from './types';

/**
 * The order in which amendments are put to the vote.
 *
 * "When two or more amendments relate to the same part of a text, the amendment furthest
 * removed in substance from the original is voted on first" (PACE Rules of Procedure;
 * UN General Assembly rule 90). Concretely, per paragraph in document order:
 *   1. deleting the paragraph (nothing is further removed than no paragraph at all),
 *   2. changes to its wording, those changing the most first (changeRatio, measured
 *      against the text each amendment was written against),
 *   3. moving it (the wording stays as it is);
 * and new paragraphs proposed before / after it come just before / after those, in
 * tabling order (they add rather than compete). Each amendment's sub-amendments are voted
 * immediately before it, since they change what will be put. Ties keep tabling order.
 *
 * It is a suggestion: the chair may reorder, and each position says why it was chosen.
 */

export interface VotingOrderEntry {
  /** 1-based place in the whole order. */
  position: number;
  amendmentId: string;
  number: string | null;
  /** The paragraph the amendment is voted with: its target, or an insertion's anchor. */
  paragraphId: string;
  /** That paragraph's current label ("OP 8"), null if it no longer exists. */
  paragraphLabel: string | null;
  reason: string;
}

/** Only tabled amendments are put; a sub-amendment whose parent is no longer tabled is not. */
export function computeVotingOrder(
  amendments: readonly Amendment[],
  paragraphs: readonly Paragraph[],
): VotingOrderEntry[] {
  return orderForVoting(
    amendments.filter((a) => a.status === 'tabled'),
    paragraphs,
  );
}

type Slot = 'before' | 'on' | 'after';
const SLOTS: readonly Slot[] = ['before', 'on', 'after'];
const KIND_RANK: Record<Amendment['kind'], number> = { delete: 0, modify: 1, move: 2, insert: 3 };

/**
 * The same order for any set of amendments, whatever their status (previews of drafts use
 * it). Sub-amendments whose parent is not in the set are left out.
 */
export function orderForVoting(amendments: readonly Amendment[], paragraphs: readonly Paragraph[]): VotingOrderEntry[] {
  const labels = new Map(numberParagraphs(paragraphs).map((p) => [p.id, p.label]));
  const ids = new Set(amendments.map((a) => a.id));
  const subsOf = new Map<string, Amendment[]>();
  const slots = new Map<string, Amendment[]>();
  const slotKey = (paragraphId: string, slot: Slot) => `${slot}\u0000${paragraphId}`;

  for (const a of amendments) {
    if (a.parentAmendmentId !== null) {
      if (ids.has(a.parentAmendmentId)) push(subsOf, a.parentAmendmentId, a);
      continue;
    }
    const key =
      a.kind === 'insert'
        ? slotKey(a.anchorParagraphId ?? '', a.position ?? 'after')
        : slotKey(a.targetParagraphId ?? '', 'on');
    push(slots, key, a);
  }

  // Document order; amendments to paragraphs that are gone come last, still grouped.
  const paragraphIds = new Set(paragraphs.map((p) => p.id));
  for (const a of amendments) {
    const id = a.kind === 'insert' ? a.anchorParagraphId : a.targetParagraphId;
    if (a.parentAmendmentId === null) paragraphIds.add(id ?? '');
  }

  const order: VotingOrderEntry[] = [];
  const put = (a: Amendment, paragraphId: string, reason: string) => {
    const subs = subsOf.get(a.id) ?? [];
    for (const [sub, subReason] of ranked(subs, (s, tied) => subAmendmentReason(s, a, subs.length, tied)))
      put(sub, paragraphId, subReason);
    order.push({
      position: order.length + 1,
      amendmentId: a.id,
      number: a.number,
      paragraphId,
      paragraphLabel: labels.get(paragraphId) ?? null,
      reason,
    });
  };

  const describe = (a: Amendment, tiedWith: Amendment | null) => reasonFor(a, labels, tiedWith);
  for (const paragraphId of paragraphIds) {
    for (const slot of SLOTS) {
      for (const [a, reason] of ranked(slots.get(slotKey(paragraphId, slot)) ?? [], describe))
        put(a, paragraphId, reason);
    }
  }
  return order;
}

/**
 * Sorts competing amendments furthest-removed first and gives each its reason; `tiedWith`
 * is the earlier-tabled amendment it ties with on change ratio, if any.
 */
function ranked(
  group: readonly Amendment[],
  reason: (a: Amendment, tiedWith: Amendment | null) => string,
): [Amendment, string][] {
  const sorted = group
    .map((a) => ({ a, ratio: a.kind === 'modify' ? changeRatio(a.baseText, a.proposedText) : 0 }))
    .sort((x, y) => KIND_RANK[x.a.kind] - KIND_RANK[y.a.kind] || y.ratio - x.ratio || byTablingOrder(x.a, y.a));
  return sorted.map(({ a, ratio }, i) => {
    const previous = sorted[i - 1];
    const tied = a.kind === 'modify' && previous?.a.kind === 'modify' && previous.ratio === ratio;
    return [a, reason(a, tied ? previous.a : null)];
  });
}

function reasonFor(a: Amendment, labels: ReadonlyMap<string, string>, tiedWith: Amendment | null): string {
  const where = (id: string | null) => (id !== null && labels.get(id)) || 'a paragraph that no longer exists';
  switch (a.kind) {
    case 'delete':
      return 'Deletes the paragraph: furthest removed from the original';
    case 'modify': {
      const share = describeShare(changeRatio(a.baseText, a.proposedText));
      return tiedWith ? `${share}, as much as ${amendmentName(tiedWith)}: tabling order` : share;
    }
    case 'move':
      return `Moves the paragraph ${a.position ?? 'after'} ${where(a.anchorParagraphId)}: the wording is unchanged, so it comes after the amendments to the wording`;
    case 'insert':
      return `Inserts a new ${kindName(a.newKind)} ${a.position ?? 'after'} ${where(a.anchorParagraphId)}: voted in tabling order with the amendments there`;
  }
}

/** With several sub-amendments to one amendment, they are ranked like amendments and say so. */
function subAmendmentReason(sub: Amendment, parent: Amendment, siblings: number, tiedWith: Amendment | null): string {
  const reason = `Sub-amendment to ${amendmentName(parent)}: voted before its parent`;
  if (siblings < 2) return reason;
  const percent = Math.round(changeRatio(sub.baseText, sub.proposedText) * 100);
  const tie = tiedWith ? `, as much as ${amendmentName(tiedWith)}: tabling order` : '';
  return `${reason}; changes ${percent}% of its proposed wording${tie}`;
}

/** "Changes 42% of the wording", in words a chair can read out. */
export function describeShare(ratio: number): string {
  const percent = Math.round(ratio * 100);
  if (ratio === 0) return 'Leaves the wording unchanged';
  if (percent < 1) return 'Changes less than 1% of the wording';
  if (ratio > 1) return `Changes more words than the paragraph has (${percent}%)`;
  return `Changes ${percent}% of the wording`;
}

function kindName(kind: Amendment['newKind']): string {
  if (kind === 'subparagraph') return 'sub-paragraph';
  if (kind === 'subsubparagraph') return 'sub-sub-paragraph';
  return kind ? `${kind} paragraph` : 'paragraph';
}

/** "A/2" before "A/10"; numbered before draft; then by id so the order is deterministic. */
export function byTablingOrder(x: Amendment, y: Amendment): number {
  if (x.number === null || y.number === null)
    return (x.number === null ? 1 : 0) - (y.number === null ? 1 : 0) || x.id.localeCompare(y.id);
  return x.number.localeCompare(y.number, 'en', { numeric: true }) || x.id.localeCompare(y.id);
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
