'use client';
import { useTranslations } from 'next-intl';
import type { ReservationView } from './types';

/**
 * Shows each standing reservation under its paragraph in the text column — in the live
 * editor and in the read view alike, both of which mark paragraphs with data-id. Done with a
 * stylesheet, not by touching the paragraphs: the editor owns its DOM (ProseMirror would
 * undo, or be confused by, nodes added inside it), and a stylesheet follows a paragraph
 * wherever it moves.
 */
export function ReservationMarks({ reservations }: { reservations: ReservationView[] }) {
  const t = useTranslations('reservations');
  const byParagraph = new Map<string, string[]>();
  for (const r of reservations) {
    if (!r.paragraphId || r.withdrawnAt) continue;
    const list = byParagraph.get(r.paragraphId) ?? [];
    list.push(t('mark', { kind: t(`kind.${r.kind}`), delegation: r.delegation }));
    byParagraph.set(r.paragraphId, list);
  }
  const rules = [...byParagraph].map(
    ([id, notes]) =>
      `.with-sidebar [data-id="${cssString(id)}"]::after { content: "${cssString(notes.join(' · '))}"; }`,
  );
  if (rules.length === 0) return null;
  return <style data-testid="reservation-marks">{rules.join('\n')}</style>;
}

/** Inside a CSS string: quotes, backslashes and line breaks escaped, "<" too so the style element cannot be closed early. */
function cssString(text: string): string {
  return text
    .replace(/[\\"]/g, '\\$&')
    .replace(/[\n\r]/g, ' ')
    .replace(/</g, '\\3c ');
}
