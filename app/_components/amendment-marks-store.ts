'use client';
import { useSyncExternalStore } from 'react';
import type { DiffSegment } from '@/lib/amendments/diff';

/**
 * The amendments each paragraph shows in the text. The amendments panel knows them (and
 * keeps them live); the editor draws them. Two islands of one page: a tiny store between.
 */
export interface TextMark {
  id: string;
  number: string;
  paragraphId: string;
  sponsor: string;
  coSponsors: string[];
  status: string;
  kind: string;
  rationale: string | null;
  segments: DiffSegment[];
  /** The paragraph as it would read if adopted ("" for a deletion). */
  asAmended: string;
  /** "A/1 and A/2 change the same words", when they do. */
  conflict: string | null;
  /** How it was decided: "by consensus", "by vote: 20 yes, 5 no, 3 abstentions". */
  decided: string | null;
}

let marks: TextMark[] = [];
const listeners = new Set<() => void>();

export function publishTextMarks(next: TextMark[]): void {
  marks = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useTextMarks(): TextMark[] {
  return useSyncExternalStore(
    subscribe,
    () => marks,
    () => marks,
  );
}
