import type { DiffSegment } from '@/lib/amendments/diff';

/** Insertions underlined, deletions struck through: the way committees read amendments. */
export function Redline({ segments, testId }: { segments: readonly DiffSegment[]; testId?: string }) {
  return (
    <span className="redline" data-testid={testId}>
      {segments.map((s, i) =>
        s.op === 'insert' ? (
          <ins key={i}>{s.text}</ins>
        ) : s.op === 'delete' ? (
          <del key={i}>{s.text}</del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}
