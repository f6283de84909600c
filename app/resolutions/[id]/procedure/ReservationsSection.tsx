'use client';
import { useState } from 'react';
import { api, isApiFailure } from '@/app/_components/api';
import { useToast } from '@/app/_components/Toaster';
import { KIND_NAMES, type ProcedureContext, type ReservationView } from './types';

/** Reservations beside the text: listed by paragraph, recorded by a delegation (or the secretariat for one). */
export function ReservationsSection({
  context,
  reservations,
  onChanged,
}: {
  context: ProcedureContext;
  reservations: ReservationView[];
  onChanged: () => Promise<void>;
}) {
  const toast = useToast();
  const canRecord =
    !context.published &&
    context.stage !== 'withdrawn' &&
    (context.may.recordOwnReservation || context.may.recordAnyReservation);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [paragraphId, setParagraphId] = useState('');
  const [kind, setKind] = useState<ReservationView['kind']>('reservation');
  const [text, setText] = useState('');
  const [delegationId, setDelegationId] = useState(context.me.delegationId ?? '');

  async function record(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api('POST', `/api/v1/resolutions/${context.resolutionId}/reservations`, {
        kind,
        paragraphId: paragraphId || null,
        text,
        ...(context.may.recordAnyReservation ? { delegationId } : {}),
      });
      toast('Reservation recorded');
      setText('');
      setOpen(false);
      await onChanged();
    } catch (err) {
      toast(isApiFailure(err) ? err.message : 'Could not record the reservation', 'error');
    } finally {
      setBusy(false);
    }
  }

  async function withdraw(r: ReservationView) {
    if (!confirm(`Withdraw the ${KIND_NAMES[r.kind].toLowerCase()} of ${r.delegation}?`)) return;
    try {
      await api('DELETE', `/api/v1/resolutions/${context.resolutionId}/reservations/${r.id}`);
      toast('Reservation withdrawn');
      await onChanged();
    } catch (err) {
      toast(isApiFailure(err) ? err.message : 'Could not withdraw it', 'error');
    }
  }

  const mayWithdraw = (r: ReservationView) =>
    !context.published &&
    (context.may.recordAnyReservation ||
      (context.may.recordOwnReservation && r.delegationId === context.me.delegationId));

  return (
    <section className="procedure-section" aria-labelledby="reservations-heading">
      <h3 id="reservations-heading">Reservations</h3>
      {reservations.length === 0 ? (
        <p className="muted small">None recorded.</p>
      ) : (
        <ul className="reservations" data-testid="reservations">
          {reservations.map((r) => (
            <li key={r.id} data-paragraph={r.paragraphId ?? 'whole'}>
              <button
                type="button"
                className="para-ref link-button"
                disabled={!r.paragraphId}
                onClick={() => scrollToParagraph(r.paragraphId)}
              >
                {r.paragraphLabel ?? 'Whole text'}
              </button>{' '}
              <strong>{r.delegation}</strong> <span className="muted small">{KIND_NAMES[r.kind]}</span>
              <div className="reservation-text">{r.text}</div>
              {mayWithdraw(r) && (
                <button type="button" className="link-button" onClick={() => withdraw(r)}>
                  Withdraw
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canRecord && !open && (
        <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="reservation-new">
          Record a reservation
        </button>
      )}
      {canRecord && open && (
        <form className="procedure-form" onSubmit={record} data-testid="reservation-form">
          {context.may.recordAnyReservation && (
            <label>
              Delegation
              <select value={delegationId} onChange={(e) => setDelegationId(e.target.value)} required name="delegation">
                <option value="">Choose…</option>
                {context.delegations.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            On
            <select value={paragraphId} onChange={(e) => setParagraphId(e.target.value)} name="paragraph">
              <option value="">The resolution as a whole</option>
              {context.paragraphs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} — {p.excerpt}
                </option>
              ))}
            </select>
          </label>
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind(e.target.value as ReservationView['kind'])} name="kind">
              {Object.entries(KIND_NAMES).map(([k, name]) => (
                <option key={k} value={k}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Words (as they will be printed after the paragraph reference)
            <textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={3}
              required
              minLength={3}
              maxLength={2000}
              name="text"
              placeholder='in relation to the concept of "gender equality".'
            />
          </label>
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              Record
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The text column marks paragraphs with data-id (read view and editor alike). */
function scrollToParagraph(id: string | null) {
  if (!id) return;
  const el = document.querySelector(`[data-id="${CSS.escape(id)}"]`);
  if (el) {
    el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    el.classList.add('para-flash');
    setTimeout(() => el.classList.remove('para-flash'), 1500);
  }
}
