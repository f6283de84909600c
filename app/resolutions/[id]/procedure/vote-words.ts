'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ProcedureContext, VoteView } from './types';

/** A translator of the "votes" messages, as components and the room screen hold it. */
export type VoteT = (key: string, values?: Record<string, string | number>) => string;

/** What a vote is on, in words: "the whole text", "amendment A/3", "OP 8 (separate vote)". */
export function subjectLabel(vote: VoteView, context: Pick<ProcedureContext, 'paragraphs'>, t: VoteT): string {
  if (vote.subject.kind === 'resolution') return t('subject.resolution');
  if (vote.subject.kind === 'amendment') return t('subject.amendment', { number: vote.subject.amendmentNumber ?? '?' });
  const p = context.paragraphs.find((x) => x.id === vote.subject.paragraphId);
  return p ? t('subject.paragraph', { label: p.label }) : t('subject.deletedParagraph');
}

/**
 * A closed vote's result in the reader's language. The record's own sentence (lib/votes,
 * in English, as the minutes print it) is shown to English readers; others get the same
 * facts from their catalogue.
 */
export function useResultWords() {
  const t = useTranslations('votes');
  const locale = useLocale();
  return (result: NonNullable<VoteView['result']>) =>
    locale === 'en'
      ? result.explanation
      : t(`result.${result.outcome}`, { ...result.totals, required: result.required });
}
