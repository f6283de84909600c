'use client';
import { useTranslations } from 'next-intl';
import type { TranslationStatus } from '@/lib/languages/types';

interface Props {
  /** "OP 3" or "A/2": names the row for screen readers. */
  label: string;
  status: TranslationStatus;
  translation: string;
  language: string;
  languageLabel: string;
  direction: 'ltr' | 'rtl';
  canEdit: boolean;
  editing: boolean;
  rows: number;
  textTestId: string;
  /**
   * Where the words are written: here, in a form (onEdit opens it, onSave stores it), or in
   * the live editor on the same page (`live`: the button takes the caret there instead).
   */
  onEdit: () => void;
  live?: boolean;
  onCancel?: () => void;
  onSave?: (text: string) => void;
  /** Offered while the wording needs translation: marks it up to date unchanged. */
  onConfirm?: () => void;
}

/**
 * One version's words for a paragraph or an amendment: its status, the words in their own
 * language and direction, and for translators the form to write them or confirm them as
 * they stand. Paragraphs and amendments are translated the same way, so they share it; where
 * the version's live editor is on the page, a paragraph is written there and nowhere else.
 */
export function TranslationCell(props: Props) {
  const t = useTranslations('languages');
  return (
    <td>
      <span className={`badge translation-${props.status}`} data-testid="translation-status">
        {t(`status.${props.status}`)}
      </span>
      {props.editing && props.onSave ? (
        <form action={(form) => props.onSave?.(String(form.get('text') ?? ''))} className="translation-form">
          <label>
            <span className="sr-only">{t('paragraphIn', { label: props.label, name: props.languageLabel })}</span>
            <textarea
              name="text"
              defaultValue={props.translation}
              lang={props.language}
              dir={props.direction}
              rows={props.rows}
            />
          </label>
          <button type="submit">{t('save')}</button>{' '}
          <button type="button" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        </form>
      ) : (
        <>
          <p lang={props.language} dir={props.direction} data-testid={props.textTestId}>
            {props.translation}
          </p>
          {props.canEdit && (
            <p className="actions">
              <button
                type="button"
                onClick={props.onEdit}
                aria-label={t(props.live ? 'editInTextLabel' : 'translateLabel', { label: props.label })}
              >
                {t(props.live ? 'editInText' : 'translate')}
              </button>
              {props.onConfirm && props.status === 'needs_translation' && (
                <button type="button" onClick={props.onConfirm} aria-label={t('confirmLabel', { label: props.label })}>
                  {t('confirm')}
                </button>
              )}
            </p>
          )}
        </>
      )}
    </td>
  );
}
