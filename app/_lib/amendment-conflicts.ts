import { changedRanges } from '@/lib/amendments/diff';
import { rangesOverlap } from '@/lib/amendments/rebase';
import type { TextRange } from '@/lib/amendments/types';
import { asAmended } from './redline';

/** What the conflict check reads of an amendment (as the API presents it). */
export interface ConflictCandidate {
  id: string;
  number: string | null;
  kind: string;
  status: string;
  paragraphId: string | null;
  currentText: string;
  redline: { segments: { op: 'equal' | 'insert' | 'delete'; text: string }[] };
}

/**
 * Amendments before the committee that change the same words of a paragraph — said before
 * any decision, so the room knows that adopting one makes the other fall. Ranges are read
 * on the paragraph's current text (touching counts, as in the fall rule); deleting the
 * paragraph conflicts with every change to it.
 */
export function conflictingAmendments(amendments: readonly ConflictCandidate[]): Map<string, string[]> {
  const live = amendments.filter(
    (a) => a.status === 'tabled' && a.paragraphId && (a.kind === 'modify' || a.kind === 'delete'),
  );
  const ranges = new Map<string, TextRange[]>(
    live.map((a) => [
      a.id,
      a.kind === 'delete'
        ? [{ start: 0, end: a.currentText.length }]
        : changedRanges(a.currentText, asAmended(a.redline.segments)),
    ]),
  );
  const out = new Map<string, string[]>();
  for (const a of live) {
    for (const b of live) {
      if (a.id === b.id || a.paragraphId !== b.paragraphId) continue;
      const clash = ranges.get(a.id)!.some((r) => ranges.get(b.id)!.some((s) => rangesOverlap(r, s)));
      if (clash) out.set(a.id, [...(out.get(a.id) ?? []), b.number ?? 'a draft']);
    }
  }
  return out;
}

/** "A/1 and A/2 change the same words" / "A/1, A/2 and A/3 …" */
export function conflictSentence(number: string, others: readonly string[]): string {
  const all = [number, ...others];
  const list = all.length === 2 ? all.join(' and ') : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
  return `${list} change the same words`;
}
