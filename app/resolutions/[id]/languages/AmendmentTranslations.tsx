'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import type { TranslationStatus } from '@/lib/languages/types';
import { TranslationCell } from './TranslationCell';

export interface AmendmentInLanguage {
  id: string;
  /** "A/3", or the paragraph it amends while it has no number. */
  name: string;
  paragraphLabel: string | null;
  status: string;
  originalText: string;
  translation: string;
  translationStatus: TranslationStatus;
  /** The proposed text's change since the translation was confirmed, as [-…-] [+…+]. */
  originalChange: string | null;
}

interface Props {
  language: string;
  languageLabel: string;
  originalLanguage: string;
  direction: 'ltr' | 'rtl';
  canEdit: boolean;
  amendments: AmendmentInLanguage[];
}

/**
 * The amendments' proposed texts beside their translations into this version, each with
 * its status as for paragraphs: readers of the language read them in it, translators write
 * them here. Refreshed with the side-by-side (language events).
 */
export function AmendmentTranslations(props: Props) {
  const t = useTranslations('languages');
  const ta = useTranslations('amendment');
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const { run, problem } = useApiAction();
  const refresh = useCallback(() => router.refresh(), [router]);

  async function save(id: string, proposedText: string) {
    const saved = await run(
      () => api('PUT', `/api/v1/amendments/${encodeURIComponent(id)}/translations/${props.language}`, { proposedText }),
      { failure: t('notSaved'), refresh, inline: true },
    );
    if (saved !== undefined) setEditing(null);
  }

  if (props.amendments.length === 0) return null;
  return (
    <section
      aria-labelledby="amendment-translations-title"
      className="side-by-side"
      data-testid="amendment-translations"
    >
      <h2 id="amendment-translations-title">{t('amendmentsIn', { name: props.languageLabel })}</h2>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('amendment')}</th>
            <th scope="col">{t('proposedText', { code: props.originalLanguage })}</th>
            <th scope="col">
              {props.languageLabel} ({props.language})
            </th>
          </tr>
        </thead>
        <tbody>
          {props.amendments.map((a) => (
            <tr
              key={a.id}
              data-testid="amendment-translation"
              data-id={a.id}
              data-status={a.translationStatus}
              className={`status-${a.translationStatus}`}
            >
              <th scope="row">
                {a.name}
                {a.paragraphLabel ? ` (${a.paragraphLabel})` : ''} ·{' '}
                {ta.has(`status.${a.status}`) ? ta(`status.${a.status}`) : a.status}
              </th>
              <td lang={props.originalLanguage}>
                {a.originalText}
                {a.originalChange && (
                  <span className="muted" data-testid="amendment-original-change">
                    {' '}
                    {t('changedSince', { change: a.originalChange })}
                  </span>
                )}
              </td>
              <TranslationCell
                label={a.name}
                status={a.translationStatus}
                translation={a.translation}
                language={props.language}
                languageLabel={props.languageLabel}
                direction={props.direction}
                canEdit={props.canEdit}
                editing={editing === a.id}
                rows={3}
                textTestId="amendment-translation-text"
                onEdit={() => setEditing(a.id)}
                onCancel={() => setEditing(null)}
                onSave={(text) => save(a.id, text)}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
