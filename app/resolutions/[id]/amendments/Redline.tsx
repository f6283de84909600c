import type { DiffSegment } from '@/lib/amendments/diff';
import { keyedByContent } from '@/app/_lib/keyed';

/** Insertions underlined, deletions struck through: the way committees read amendments. */
export function Redline({ segments, testId }: { segments: readonly DiffSegment[]; testId?: string }) {
  return (
    <span className="redline" data-testid={testId}>
      {keyedByContent(segments, (s) => `${s.op}:${s.text}`).map(({ key, item: s }) =>
        s.op === 'insert' ? (
          <ins key={key}>{s.text}</ins>
        ) : s.op === 'delete' ? (
          <del key={key}>{s.text}</del>
        ) : (
          <span key={key}>{s.text}</span>
        ),
      )}
    </span>
  );
}
