import type { DiffSegment } from '@/lib/amendments/diff';

/** The paragraph as it would read if the amendment were adopted: its redline without the deletions. */
export function asAmended(segments: readonly DiffSegment[]): string {
  return segments
    .filter((s) => s.op !== 'delete')
    .map((s) => s.text)
    .join('');
}
