'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { RESERVATION_KINDS, type ProcedureContext, type ReservationView } from './types';

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
  const t = useTranslations('reservations');
  const action = useApiAction();
  const canRecord =
    !context.published &&
    context.stage !== 'withdrawn' &&
    (context.may.recordOwnReservation || context.may.recordAnyReservation);
  const [open, setOpen] = useState(false);
  const [paragraphId, setParagraphId] = useState('');
  const [kind, setKind] = useState<ReservationView['kind']>('reservation');
  const [text, setText] = useState('');
  const [delegationId, setDelegationId] = useState(context.me.delegationId ?? '');

  async function record(e: React.FormEvent) {
    e.preventDefault();
    const done = await action.run(
      () =>
        api('POST', `/api/v1/resolutions/${context.resolutionId}/reservations`, {
          kind,
          paragraphId: paragraphId || null,
          text,
          ...(context.may.recordAnyReservation ? { delegationId } : {}),
        }),
      {
        success: t('recorded'),
        failure: t('recordFailed'),
        refresh: onChanged,
        inline: true,
      },
    );
    if (done === undefined) return;
    setText('');
    setOpen(false);
  }

  const withdraw = (r: ReservationView) =>
    action.confirmed(
      {
        title: t('withdrawQuestion', { kind: r.kind, delegation: r.delegation }),
        message: r.text,
        confirmLabel: t('withdrawIt'),
        danger: true,
        action: async () => {
          await api('DELETE', `/api/v1/resolutions/${context.resolutionId}/reservations/${r.id}`);
        },
      },
      { success: t('withdrawn'), refresh: onChanged },
    );

  return (
    <section className="procedure-section" aria-labelledby="reservations-heading">
      <h3 id="reservations-heading">{t('title')}</h3>
      {reservations.length === 0 ? (
        <p className="muted small">{t('none')}</p>
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
                {r.paragraphLabel ?? t('wholeText')}
              </button>{' '}
              <strong>{r.delegation}</strong> <span className="muted small">{t(`kind.${r.kind}`)}</span>
              <div className="reservation-text">{r.text}</div>
              {r.youCan.withdraw && (
                <button type="button" className="link-button" onClick={() => withdraw(r)}>
                  {t('withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canRecord && !open && (
        <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="reservation-new">
          {t('new')}
        </button>
      )}
      {canRecord && open && (
        <form className="procedure-form" onSubmit={record} data-testid="reservation-form">
          {context.may.recordAnyReservation && (
            <label>
              {t('delegation')}
              <select value={delegationId} onChange={(e) => setDelegationId(e.target.value)} required name="delegation">
                <option value="">{t('choose')}</option>
                {context.delegations.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('on')}
            <select value={paragraphId} onChange={(e) => setParagraphId(e.target.value)} name="paragraph">
              <option value="">{t('asAWhole')}</option>
              {context.paragraphs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} — {p.excerpt}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('kindLabel')}
            <select value={kind} onChange={(e) => setKind(e.target.value as ReservationView['kind'])} name="kind">
              {RESERVATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('words')}
            <textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={3}
              required
              minLength={3}
              maxLength={2000}
              name="text"
              placeholder={t('wordsExample')}
              aria-invalid={action.fieldErrors.text ? true : undefined}
              aria-describedby={action.fieldErrors.text ? 'reservation-text-error' : undefined}
            />
          </label>
          {action.fieldErrors.text && (
            <p className="field-error" id="reservation-text-error">
              {action.fieldErrors.text}
            </p>
          )}
          {action.problem && !action.fieldErrors.text && (
            <p className="error" role="alert">
              {action.problem}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={action.busy}>
              {t('record')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('cancel')}
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
