import { useTranslations } from 'next-intl';
import type { ParagraphChange, WordSegment } from '@/lib/versions/compare';
import { keyedByContent } from '@/app/_lib/keyed';

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
type T = (key: string, values?: Record<string, string | number>) => string;

function describe(c: ParagraphChange, t: T): { number: string; note: string | null } {
  switch (c.change) {
    case 'unchanged':
      return { number: c.after, note: c.before !== c.after ? t('renumbered', { before: c.before }) : null };
    case 'changed':
      return {
        number: c.after,
        note: [
          c.kindBefore ? t('kindChanged', { now: t(`kind.${c.kind}`), was: t(`kind.${c.kindBefore}`) }) : t('changed'),
          c.before !== c.after ? t('was', { before: c.before }) : '',
        ]
          .filter(Boolean)
          .join(' · '),
      };
    case 'inserted':
      return { number: c.after, note: t('inserted') };
    case 'deleted':
      return { number: c.before, note: t('deleted') };
    case 'moved':
      return { number: c.after, note: t(c.segments ? 'movedChanged' : 'moved', { before: c.before }) };
  }
}

/** A paragraph-aware redline: every paragraph once, in the order of the later text. */
export function Redline({ paragraphs }: { paragraphs: ParagraphChange[] }) {
  const t = useTranslations('compare.note');
  return (
    <ol className="redline resolution-text" data-testid="redline">
      {paragraphs.map((c) => {
        const { number, note } = describe(c, t);
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
