import type { ParagraphChange, WordSegment } from '@/lib/versions/compare';
import { keyedByContent } from '@/app/_lib/keyed';

const KIND_NAMES = {
  preambular: 'preambular',
  operative: 'operative',
  subparagraph: 'sub-paragraph',
  subsubparagraph: 'sub-sub-paragraph',
} as const;

function Segments({ segments }: { segments: WordSegment[] }) {
  return (
    <>
      {keyedByContent(segments, (s) => `${s.op}:${s.text}`).map(({ key, item: s }) =>
        s.op === 'insert' ? (
          <ins key={key}>{s.text}</ins>
        ) : s.op === 'delete' ? (
          <del key={key}>{s.text}</del>
        ) : (
          <span key={key}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** What happened to a paragraph, in words next to it (colour alone is not enough). */
function describe(c: ParagraphChange): { number: string; note: string | null } {
  switch (c.change) {
    case 'unchanged':
      return { number: c.after, note: c.before !== c.after ? `renumbered, was ${c.before}` : null };
    case 'changed':
      return {
        number: c.after,
        note: [
          c.kindBefore ? `now ${KIND_NAMES[c.kind]}, was ${KIND_NAMES[c.kindBefore]}` : 'changed',
          c.before !== c.after ? `was ${c.before}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
      };
    case 'inserted':
      return { number: c.after, note: 'new paragraph' };
    case 'deleted':
      return { number: c.before, note: 'deleted' };
    case 'moved':
      return { number: c.after, note: `moved from ${c.before}${c.segments ? ' and changed' : ''}` };
  }
}

/** A paragraph-aware redline: every paragraph once, in the order of the later text. */
export function Redline({ paragraphs }: { paragraphs: ParagraphChange[] }) {
  return (
    <ol className="redline resolution-text" data-testid="redline">
      {paragraphs.map((c) => {
        const { number, note } = describe(c);
        return (
          <li
            key={`${c.change}-${c.id}`}
            className={`para para-${c.kind} change-${c.change}`}
            data-change={c.change}
            data-id={c.id}
          >
            <span className="num">{number}</span>
            {note && <span className={`change-note change-note-${c.change}`}>{note}</span>}
            <span className="redline-text">
              {c.change === 'changed' && <Segments segments={c.segments} />}
              {c.change === 'moved' && (c.segments ? <Segments segments={c.segments} /> : c.text)}
              {c.change === 'inserted' && <ins>{c.text}</ins>}
              {c.change === 'deleted' && <del>{c.text}</del>}
              {c.change === 'unchanged' && c.text}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
