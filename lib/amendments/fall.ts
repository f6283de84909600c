import { numberParagraphs } from '../resolution/numbering';
import type { Paragraph } from '../resolution/types';
import { changedRanges } from './diff';
import { blockIds } from './paragraph-block';
import { rangesOverlap, rebaseAmendment } from './rebase';
import { amendmentName, type Amendment, type AmendmentStatus, type FallenAmendment } from './types';

/**
 * The fall rule: adopting an amendment makes those that can no longer be put "fall"
 * without a vote. Competing amendments are voted furthest-removed first precisely so that
 * adopting one settles the others.
 *
 * What falls, among the tabled amendments:
 *  - everything aimed at a paragraph the adopted amendment deleted (with its
 *    sub-paragraphs), including insertions and moves anchored there;
 *  - changes to the same paragraph that change the same words (changed ranges overlap,
 *    as defined by rangesOverlap: touching counts) — "the committee has decided on those
 *    words";
 *  - another move of the same paragraph (the committee has decided where it goes);
 *  - sub-amendments of an amendment that fell, was adopted, rejected or withdrawn.
 * Changes to other words of the same paragraph stay: they are compatible, and the caller
 * rebases them onto the new wording (rebaseAmendment).
 */

/**
 * `paragraphs` is the text as it stood before the adoption: it names the paragraphs in the
 * reasons ("OP 8 was deleted by A/1") and is the wording both amendments are compared on.
 */
export function amendmentsMadeImpossible(
  adopted: Amendment,
  others: readonly Amendment[],
  paragraphs: readonly Paragraph[],
): FallenAmendment[] {
  const labels = new Map(numberParagraphs(paragraphs).map((p) => [p.id, p.label]));
  const label = (id: string | null) => (id !== null && labels.get(id)) || 'the paragraph';
  const by = amendmentName(adopted);
  const fallen = new Map<string, string>();
  const tabled = others.filter((o) => o.status === 'tabled' && o.id !== adopted.id);
  const topLevel = tabled.filter((o) => o.parentAmendmentId === null);

  if (adopted.parentAmendmentId !== null) {
    // A sub-amendment changed its parent's proposed text: sibling sub-amendments compete
    // for the same words exactly as amendments to a paragraph do.
    const parent = others.find((o) => o.id === adopted.parentAmendmentId);
    for (const o of tabled.filter((t) => t.parentAmendmentId === adopted.parentAmendmentId)) {
      const words = sameWordsChanged(adopted, o, parent?.proposedText ?? adopted.baseText);
      if (words !== null) fallen.set(o.id, sameWordsReason(by, words));
    }
  } else if (adopted.kind === 'delete' && adopted.targetParagraphId !== null) {
    const gone = new Set(blockIds(paragraphs, adopted.targetParagraphId));
    gone.add(adopted.targetParagraphId);
    for (const o of topLevel) {
      if (o.targetParagraphId !== null && gone.has(o.targetParagraphId)) {
        fallen.set(o.id, `${label(o.targetParagraphId)} was deleted by ${by}`);
      } else if (o.anchorParagraphId !== null && gone.has(o.anchorParagraphId)) {
        fallen.set(
          o.id,
          `Its position, ${o.position ?? 'after'} ${label(o.anchorParagraphId)}, was deleted by ${by}; it can be tabled again with a new position`,
        );
      }
    }
  } else if (adopted.kind === 'modify') {
    const current = paragraphs.find((p) => p.id === adopted.targetParagraphId)?.text ?? adopted.baseText;
    for (const o of topLevel.filter((t) => t.kind === 'modify' && t.targetParagraphId === adopted.targetParagraphId)) {
      const words = sameWordsChanged(adopted, o, current);
      if (words !== null) fallen.set(o.id, sameWordsReason(by, words));
    }
  } else if (adopted.kind === 'move') {
    for (const o of topLevel.filter((t) => t.kind === 'move' && t.targetParagraphId === adopted.targetParagraphId)) {
      fallen.set(o.id, `${label(o.targetParagraphId)} was already moved by ${by}`);
    }
  }

  const all = [...others.filter((o) => o.id !== adopted.id), { ...adopted, status: 'adopted' as const }];
  return [...withFallenSubAmendments(all, fallen)].map(([amendmentId, reason]) => ({ amendmentId, reason }));
}

/**
 * Tabled sub-amendments whose parent can no longer be put (adopted, rejected, withdrawn,
 * inadmissible or fallen): to call after a rejection or withdrawal, which make nothing
 * else fall.
 */
export function orphanedSubAmendments(amendments: readonly Amendment[]): FallenAmendment[] {
  return [...withFallenSubAmendments(amendments, new Map())].map(([amendmentId, reason]) => ({ amendmentId, reason }));
}

const PARENT_GONE: Partial<Record<AmendmentStatus, string>> = {
  adopted: 'was adopted',
  rejected: 'was rejected',
  withdrawn: 'was withdrawn',
  inadmissible: 'was ruled inadmissible',
  fallen: 'fell',
};

/** Adds, to a fixpoint, sub-amendments (and theirs) whose parent is gone. */
function withFallenSubAmendments(all: readonly Amendment[], fallen: Map<string, string>): Map<string, string> {
  const byId = new Map(all.map((a) => [a.id, a]));
  const tabled = all.filter((a) => a.status === 'tabled');
  for (let changed = true; changed; ) {
    changed = false;
    for (const sub of tabled) {
      if (sub.parentAmendmentId === null || fallen.has(sub.id)) continue;
      const parent = byId.get(sub.parentAmendmentId);
      const parentStatus = fallen.has(sub.parentAmendmentId) ? 'fallen' : parent?.status;
      const gone = parentStatus && PARENT_GONE[parentStatus];
      if (!gone) continue;
      fallen.set(
        sub.id,
        `Its parent ${parent ? amendmentName(parent) : 'amendment'} ${gone}, so this sub-amendment can no longer be put`,
      );
      changed = true;
    }
  }
  return fallen;
}

function sameWordsReason(by: string, words: string): string {
  if (!words) return `${by}, adopted, already changed the wording at the same place`;
  return `${by}, adopted, already changed the same words ("${words.length > 60 ? `${words.slice(0, 57)}…` : words}")`;
}

/**
 * Whether two changes to the same text touch the same words, compared on `reference`
 * (the text both will apply to). Returns the words of the reference both changes cover
 * ('' for an insertion point between words), or null when they are compatible.
 *
 * An amendment that already conflicts with the reference (stale in the same words) is not
 * made to fall by this adoption: it needs a rebase by hand either way.
 */
function sameWordsChanged(adopted: Amendment, other: Amendment, reference: string): string | null {
  let base = reference;
  let adoptedWording = wordingOn(adopted, base);
  if (adoptedWording === null) {
    // Cannot happen for an amendment that was applied (applying rebases it the same way);
    // fall back to the text it was written against rather than guess.
    base = adopted.baseText;
    adoptedWording = adopted.proposedText;
  }
  const otherWording = wordingOn(other, base);
  if (otherWording === null) return null;
  const ours = changedRanges(base, adoptedWording);
  for (const theirs of changedRanges(base, otherWording)) {
    const hit = ours.find((range) => rangesOverlap(range, theirs));
    if (hit) return base.slice(Math.min(hit.start, theirs.start), Math.max(hit.end, theirs.end)).trim();
  }
  return null;
}

function wordingOn(amendment: Amendment, text: string): string | null {
  const result = rebaseAmendment({ base: amendment.baseText, proposed: amendment.proposedText, current: text });
  if (result.status === 'conflict') return null;
  return result.status === 'rebased' ? result.proposed : amendment.proposedText;
}
