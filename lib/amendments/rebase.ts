import { diffEdits, type TextEdit } from './diff';
import type { TextRange } from './types';

/**
 * Keeping an amendment alive when its paragraph changes under it.
 *
 * An amendment is a change from `base` (the paragraph as it was drafted against) to
 * `proposed`. When the paragraph now reads `current`, the amendment's edits are carried
 * onto `current` as long as nobody else changed the same words: a three-way merge at word
 * level, like a version-control rebase.
 */

export type RebaseResult =
  | { status: 'unchanged' }
  | { status: 'rebased'; proposed: string }
  | {
      status: 'conflict';
      base: string;
      current: string;
      proposed: string;
      /** Ranges of `base` that both the amendment and the paragraph's change touched. */
      conflicting: TextRange[];
    };

/**
 * Overlap, the one definition used by rebasing and by the fall rule. Two changes overlap
 * when their ranges of the base share a character, and also when they merely touch
 * (one ends exactly where the other starts, or two insertions at the same place).
 *
 * Touching counts because there is no safe automatic answer there: two insertions at the
 * same point have no natural order, and words inserted right against words someone else
 * replaced usually refer to them ("gender equality" → "gender equity" next to an insertion
 * of " concerns"). Ranges end at word boundaries and keep the spaces between words
 * outside, so changes to two neighbouring words are separated by a space and do not
 * touch. Erring this way costs a manual rebase; erring the other way silently merges
 * text nobody voted for.
 */
export function rangesOverlap(a: TextRange, b: TextRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function rebaseAmendment({
  base,
  proposed,
  current,
}: {
  base: string;
  proposed: string;
  current: string;
}): RebaseResult {
  if (current === base) return { status: 'unchanged' };

  const ours = diffEdits(base, proposed);
  const theirs = diffEdits(base, current);
  const conflicting = ours
    .filter((edit) => theirs.some((other) => rangesOverlap(edit, other)))
    .map(({ start, end }) => ({ start, end }));
  if (conflicting.length > 0) return { status: 'conflict', base, current, proposed, conflicting };

  return {
    status: 'rebased',
    proposed: applyEdits(
      current,
      ours.map((edit) => shiftOnto(edit, theirs)),
    ),
  };
}

/**
 * Where a base-text edit lands in `current`: moved by the growth or shrinkage of every
 * change to the paragraph before it (none overlap it, so "before" is unambiguous).
 */
function shiftOnto(edit: TextEdit, theirs: readonly TextEdit[]): TextEdit {
  let shift = 0;
  for (const other of theirs) {
    if (other.end < edit.start) shift += other.text.length - (other.end - other.start);
  }
  return { start: edit.start + shift, end: edit.end + shift, text: edit.text };
}

/** Applies ordered, non-overlapping edits; from the end, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].reverse()) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
