'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import type { ConfirmRequest } from '@/app/_components/ConfirmDialog';
import { Redline } from './Redline';
import { LiveDraftEditor, TrackedTextEditor } from './TrackedTextEditor';
import type { AmendmentView, AmendmentsContext } from './types';

/** One amendment: its redline against the current text, who tabled it, and what you may do. */
export function AmendmentCard({
  amendment: a,
  resolutionId,
  delegations,
  me,
  onChanged,
}: {
  amendment: AmendmentView;
  resolutionId: string;
  delegations: { id: string; name: string }[];
  me: AmendmentsContext['me'];
  onChanged: () => void;
}) {
  const t = useTranslations('amendment');
  const { run, busy, confirmed: confirmThen } = useApiAction();
  /** Asked in a dialog, which keeps a refusal on screen; the toast says what happened once done. */
  const confirmed = (done: string, ask: ConfirmRequest) => confirmThen(ask, { success: done });
  // Accepted co-sponsors, then open invitations (shown only to the amendment's own delegations and the invited ones).
  const listed = [
    ...a.coSponsors.map((c) => ({ ...c, invited: false })),
    ...a.invitedCoSponsors.map((c) => ({ ...c, invited: true })),
  ];
  const name = a.number ?? t('draft');
  // One tracked-changes editor serves three purposes: rewriting a stale amendment against
  // the current text, editing a draft (live, with its co-sponsors), and proposing a
  // sub-amendment to a tabled amendment's wording.
  const [mode, setMode] = useState<'rewrite' | 'edit' | 'sub' | null>(null);
  const [rewrite, setRewrite] = useState(a.currentText);
  const against =
    mode === 'rewrite'
      ? a.currentText
      : mode === 'edit'
        ? a.parentAmendmentId
          ? a.baseText
          : a.currentText
        : a.proposedText;
  const startWith = (m: 'rewrite' | 'edit' | 'sub') => {
    setMode(m);
    setRewrite(m === 'rewrite' ? a.currentText : a.proposedText);
  };
  async function save() {
    const saved = await run(
      async () => {
        if (mode === 'rewrite') {
          await api('POST', `/api/v1/amendments/${a.id}/rewrite`, { proposedText: rewrite });
          return t('rewritten', { name });
        }
        const sub = await api<{ id: string }>('POST', `/api/v1/resolutions/${resolutionId}/amendments`, {
          kind: 'modify',
          parentAmendmentId: a.id,
          proposedText: rewrite,
        });
        const tabled = await api<{ number: string }>('POST', `/api/v1/amendments/${sub.id}/table`).catch(() => null);
        return tabled ? t('subTabled', { number: tabled.number }) : t('subSaved');
      },
      { success: (said) => said, failure: t('saveFailed'), refresh: onChanged },
    );
    if (saved) setMode(null);
  }

  /** One act on this amendment: busy while it runs, a toast for the outcome, the card refetched. */
  const act = (failure: string, path: string, body: unknown, done: string) =>
    run(() => api('POST', `/api/v1/amendments/${a.id}/${path}`, body), {
      success: done,
      failure,
      refresh: onChanged,
    });
  const rule = () =>
    void confirmed(t('ruled', { name }), {
      title: t('ruleTitle', { name }),
      input: { label: t('ruleReason') },
      confirmLabel: t('rule'),
      danger: true,
      action: async (reason) => {
        await api('POST', `/api/v1/amendments/${a.id}/ruling`, { reason });
        onChanged();
      },
    });

  return (
    <li
      className={`amendment-card status-${a.status}`}
      data-testid="amendment-card"
      data-number={a.number ?? ''}
      data-status={a.status}
    >
      <div className="amendment-head">
        <strong>{name}</strong>
        <span>
          {a.parentNumber
            ? t('subAmendmentTo', { number: a.parentNumber })
            : (a.paragraphLabel ?? t('deletedParagraph'))}
        </span>
        <span className={`badge status-${a.status}`} data-testid="amendment-status">
          {t(`status.${a.status}`)}
        </span>
        {a.stale && (
          <span className="badge stale" title={t('staleTitle')}>
            {a.conflict ? t('needsRewriting') : t('staleRebased')}
          </span>
        )}
        {a.voting && (
          <span className="muted small" title={a.voting.reason}>
            {t('votePosition', { position: a.voting.position })}
          </span>
        )}
      </div>
      <div className="muted small">
        {a.sponsor.name}
        {listed.length > 0 && ` ${t('with')} `}
        {listed.map((c, i) => (
          <span key={c.id} className="cosponsor" data-testid="cosponsor">
            {i > 0 && ', '}
            {c.name}
            {c.invited && ` ${t('invited')}`}
            {a.youCan.removeCoSponsor.includes(c.id) && (
              <button
                type="button"
                className="link-button cosponsor-remove"
                disabled={busy}
                aria-label={
                  me.delegationId === c.id
                    ? t('withdrawOwnLabel', { delegation: c.name, name })
                    : t('removeLabel', { delegation: c.name, name })
                }
                title={me.delegationId === c.id ? t('withdrawOwnTitle') : t('removeTitle')}
                onClick={() =>
                  void confirmed(t('noLonger', { delegation: c.name, name }), {
                    title: t('willNoLonger', { delegation: c.name, name }),
                    confirmLabel: me.delegationId === c.id ? t('withdrawOwn') : t('remove'),
                    danger: true,
                    action: async () => {
                      await api('DELETE', `/api/v1/amendments/${a.id}/cosponsors/${c.id}`);
                      onChanged();
                    },
                  })
                }
              >
                ×
              </button>
            )}
          </span>
        ))}
        {a.statusReason && ` · ${a.statusReason}`}
      </div>
      {/* While co-editing, the editor itself is the redline. */}
      {mode !== 'edit' && (
        <p className="amendment-redline">
          <Redline segments={a.redline.segments} testId="amendment-redline" />
        </p>
      )}
      {a.rationale && <p className="small">{a.rationale}</p>}
      {a.conflict && (
        <div className="amendment-conflict small">
          {t('nowReads')} <em>{a.currentText}</em>
          <br />
          {t('writtenAgainst')} <em>{a.baseText}</em>
        </div>
      )}
      {mode === 'edit' && (
        <div className="amendment-rewrite">
          <LiveDraftEditor
            amendmentId={a.id}
            base={against}
            user={{ name: me.name, delegation: me.delegationName, role: me.role }}
            label={t('liveLabel', { name })}
            testId="amendment-live-text"
          />
          <p className="muted small">{t('liveNote')}</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setMode(null);
              onChanged();
            }}
            data-testid="amendment-live-done"
          >
            {t('done')}
          </button>
        </div>
      )}
      {(mode === 'rewrite' || mode === 'sub') && (
        <div className="amendment-rewrite">
          <TrackedTextEditor
            base={against}
            initialText={rewrite}
            onChange={setRewrite}
            label={mode === 'sub' ? t('subLabel', { name }) : t('textLabel')}
            testId="amendment-textbox"
          />
          <button type="button" className="primary" disabled={busy || rewrite === against} onClick={save}>
            {mode === 'sub' ? t('tableSub') : t('save')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setMode(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <div className="amendment-actions">
        {a.youCan.answerCoSponsorship && (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                act(
                  t('acceptFailed'),
                  'cosponsorship',
                  { answer: 'accept' },
                  t('accepted', {
                    delegation: me.delegationName ?? t('yourDelegation'),
                    name,
                  }),
                )
              }
              data-testid="cosponsorship-accept"
            >
              {t('accept')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => act(t('declineFailed'), 'cosponsorship', { answer: 'decline' }, t('declined', { name }))}
              data-testid="cosponsorship-decline"
            >
              {t('decline')}
            </button>
          </>
        )}
        {a.youCan.table && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => act(t('tableFailed'), 'table', undefined, t('tabled', { name }))}
            data-testid="amendment-table"
          >
            {t('table')}
          </button>
        )}
        {a.youCan.edit && a.kind !== 'delete' && a.kind !== 'move' && !mode && (
          <button
            type="button"
            className="secondary"
            onClick={() => startWith('edit')}
            data-testid="amendment-edit-live"
            title={t('editTogetherTitle')}
          >
            {t('editTogether')}
          </button>
        )}
        {a.youCan.rewrite && !mode && (
          <button type="button" className="secondary" onClick={() => startWith('rewrite')}>
            {t('rewrite')}
          </button>
        )}
        {a.youCan.subAmend && !mode && (
          <button type="button" className="secondary" onClick={() => startWith('sub')}>
            {t('subAmend')}
          </button>
        )}
        {a.youCan.decide && (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                act(t('adoptFailed'), 'decision', { outcome: 'adopted', method: 'consensus' }, t('adopted', { name }))
              }
              data-testid="amendment-adopt"
            >
              {t('adopt')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() =>
                act(
                  t('rejectFailed'),
                  'decision',
                  { outcome: 'rejected', method: 'consensus' },
                  t('rejected', { name }),
                )
              }
              data-testid="amendment-reject"
            >
              {t('reject')}
            </button>
          </>
        )}
        {a.youCan.rule && (
          <button type="button" className="secondary" disabled={busy} onClick={rule}>
            {t('inadmissible')}
          </button>
        )}
        {a.youCan.inviteCoSponsor && (
          <select
            aria-label={t('inviteLabel', { name })}
            value=""
            disabled={busy}
            onChange={(e) =>
              e.target.value &&
              act(t('inviteFailed'), 'cosponsors', { delegationId: e.target.value }, t('invitedToast'))
            }
          >
            <option value="">{t('invite')}</option>
            {delegations
              .filter((d) => d.id !== a.sponsor.id && !listed.some((c) => c.id === d.id))
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>
        )}
        {a.youCan.withdraw && (
          <button
            type="button"
            className="link-button danger"
            disabled={busy}
            onClick={() =>
              void confirmed(t('withdrawn', { name }), {
                title: t('withdrawQuestion', { name }),
                message: t('withdrawNote'),
                confirmLabel: t('withdrawIt', { name }),
                danger: true,
                action: async () => {
                  await api('POST', `/api/v1/amendments/${a.id}/withdraw`, {});
                  onChanged();
                },
              })
            }
          >
            {t('withdraw')}
          </button>
        )}
      </div>
    </li>
  );
}
