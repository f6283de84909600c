'use client';
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
      { success: 'The resolution is adopted', failure: 'Could not declare adoption', refresh: true, inline: true },
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
        Declare adopted…
      </button>
      <dialog
        ref={dialog}
        className="adoption-dialog"
        aria-labelledby="adoption-title"
        data-testid="adoption-dialog"
        onKeyDown={trapTab}
      >
        <form onSubmit={adopt} className="procedure-form">
          <h3 id="adoption-title">Declare the resolution adopted</h3>
          <p className="muted small">
            The text is frozen as adopted; no vote may be open and every tabled amendment must be decided.
          </p>
          <fieldset>
            <legend>Method</legend>
            <label className="checkbox">
              <input
                type="radio"
                name="method"
                value="consensus"
                checked={method === 'consensus'}
                onChange={() => setMethod('consensus')}
              />{' '}
              By consensus
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name="method"
                value="without_vote"
                checked={method === 'without_vote'}
                onChange={() => setMethod('without_vote')}
              />{' '}
              Without a vote
            </label>
          </fieldset>
          <label>
            Date
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
            {date ? `Printed as: ${formatDate(date)}` : 'Choose the date of adoption.'}
          </p>
          <label>
            Place
            <input value={place} onChange={(e) => setPlace(e.target.value)} name="place" placeholder="Bangkok" />
          </label>
          <label>
            Adopted by (session)
            <input
              value={session}
              onChange={(e) => setSession(e.target.value)}
              name="session"
              placeholder="122nd IPU Assembly"
            />
          </label>
          {action.problem && (
            <p className="error" role="alert" data-testid="adoption-problem">
              {action.problem}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={action.busy} data-testid="adopt-confirm">
              Declare adopted
            </button>
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
