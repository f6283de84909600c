'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { formatDate } from '@/app/_lib/dates';
import { trapTab } from '@/app/_components/focus-trap';
import type { ProcedureContext } from './types';

/**
 * The chair declares adoption by consensus (or without a vote), with the date, place and
 * body printed in the heading. Adoption by vote happens by closing a vote on the whole text.
 */
export function AdoptionDialog({ context }: { context: ProcedureContext }) {
  const t = useTranslations('adoption');
  const locale = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const action = useApiAction();
  const [method, setMethod] = useState('consensus');
  const [date, setDate] = useState(context.adoptionDefaults.date);
  const [place, setPlace] = useState(context.adoptionDefaults.place);
  const [session, setSession] = useState(context.adoptionDefaults.session);

  async function adopt(e: React.FormEvent) {
    e.preventDefault();
    // Refusals ("a vote is open") are shown inside the dialog: a toast would sit behind its backdrop.
    const adopted = await action.run(
      () =>
        api('POST', `/api/v1/resolutions/${context.resolutionId}/adoption`, {
          method,
          date,
          ...(place.trim() ? { place } : {}),
          ...(session.trim() ? { session } : {}),
        }),
      { success: t('adopted'), failure: t('failed'), refresh: true, inline: true },
    );
    if (adopted !== undefined) dialog.current?.close();
  }

  return (
    <>
      <button
        type="button"
        className="adopt-button"
        onClick={() => dialog.current?.showModal()}
        data-testid="adopt-open"
      >
        {t('open')}
      </button>
      <dialog
        ref={dialog}
        className="adoption-dialog"
        aria-labelledby="adoption-title"
        data-testid="adoption-dialog"
        onKeyDown={trapTab}
      >
        <form onSubmit={adopt} className="procedure-form">
          <h3 id="adoption-title">{t('title')}</h3>
          <p className="muted small">{t('intro')}</p>
          <fieldset>
            <legend>{t('method')}</legend>
            <label className="checkbox">
              <input
                type="radio"
                name="method"
                value="consensus"
                checked={method === 'consensus'}
                onChange={() => setMethod('consensus')}
              />{' '}
              {t('consensus')}
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name="method"
                value="without_vote"
                checked={method === 'without_vote'}
                onChange={() => setMethod('without_vote')}
              />{' '}
              {t('withoutVote')}
            </label>
          </fieldset>
          <label>
            {t('date')}
            <input
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              required
              name="date"
              aria-describedby="adoption-date-words"
            />
          </label>
          {/* The picker's own format follows the browser's locale; the words are unambiguous. */}
          <p className="muted small" id="adoption-date-words" data-testid="adoption-date-words">
            {date ? t('printedAs', { date: formatDate(date, locale) }) : t('chooseDate')}
          </p>
          <label>
            {t('place')}
            <input value={place} onChange={(e) => setPlace(e.target.value)} name="place" placeholder="Bangkok" />
          </label>
          <label>
            {t('session')}
            <input
              value={session}
              onChange={(e) => setSession(e.target.value)}
              name="session"
              placeholder={t('sessionExample')}
            />
          </label>
          {action.problem && (
            <p className="error" role="alert" data-testid="adoption-problem">
              {action.problem}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={action.busy} data-testid="adopt-confirm">
              {t('confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              {t('cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
