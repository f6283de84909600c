'use client';
import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { api, isApiFailure } from '@/app/_components/api';
import { useToast } from '@/app/_components/Toaster';
import type { ProcedureContext } from './types';

/**
 * The chair declares adoption by consensus (or without a vote), with the date, place and
 * body printed in the heading. Adoption by vote happens by closing a vote on the whole text.
 */
export function AdoptionDialog({ context }: { context: ProcedureContext }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [method, setMethod] = useState('consensus');
  const [date, setDate] = useState(context.adoptionDefaults.date);
  const [place, setPlace] = useState(context.adoptionDefaults.place);
  const [session, setSession] = useState(context.adoptionDefaults.session);

  async function adopt(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api('POST', `/api/v1/resolutions/${context.resolutionId}/adoption`, {
        method,
        date,
        ...(place.trim() ? { place } : {}),
        ...(session.trim() ? { session } : {}),
      });
      toast('The resolution is adopted');
      dialog.current?.close();
      router.refresh();
    } catch (err) {
      toast(isApiFailure(err) ? err.message : 'Could not declare adoption', 'error');
    } finally {
      setBusy(false);
    }
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
      <dialog ref={dialog} className="adoption-dialog" aria-labelledby="adoption-title" data-testid="adoption-dialog">
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
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required name="date" />
          </label>
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
          <div className="form-actions">
            <button type="submit" disabled={busy} data-testid="adopt-confirm">
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
