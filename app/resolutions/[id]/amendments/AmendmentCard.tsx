'use client';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import type { ConfirmRequest } from '@/app/_components/ConfirmDialog';
import { Redline } from './Redline';
import { LiveDraftEditor, TrackedTextEditor } from './TrackedTextEditor';
import type { AmendmentView, AmendmentsContext } from './types';

const STATUS_WORDS: Record<string, string> = {
  draft: 'draft',
  tabled: 'tabled',
  withdrawn: 'withdrawn',
  inadmissible: 'ruled inadmissible',
  adopted: 'adopted',
  rejected: 'rejected',
  fallen: 'fallen',
};

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
  const { run, busy, confirmed: confirmThen } = useApiAction();
  /** Asked in a dialog, which keeps a refusal on screen; the toast says what happened once done. */
  const confirmed = (done: string, ask: ConfirmRequest) => confirmThen(ask, { success: done });
  // Accepted co-sponsors, then open invitations (shown only to the amendment's own delegations and the invited ones).
  const listed = [
    ...a.coSponsors.map((c) => ({ ...c, invited: false })),
    ...a.invitedCoSponsors.map((c) => ({ ...c, invited: true })),
  ];
  const name = a.number ?? 'Draft';
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
          return `${name} rewritten`;
        }
        const sub = await api<{ id: string }>('POST', `/api/v1/resolutions/${resolutionId}/amendments`, {
          kind: 'modify',
          parentAmendmentId: a.id,
          proposedText: rewrite,
        });
        const tabled = await api<{ number: string }>('POST', `/api/v1/amendments/${sub.id}/table`).catch(() => null);
        return tabled ? `Sub-amendment ${tabled.number} tabled` : 'Sub-amendment saved as a draft';
      },
      { success: (said) => said, failure: 'Could not save', refresh: onChanged },
    );
    if (saved) setMode(null);
  }

  /** One act on this amendment: busy while it runs, a toast for the outcome, the card refetched. */
  const act = (what: string, path: string, body: unknown, done: string) =>
    run(() => api('POST', `/api/v1/amendments/${a.id}/${path}`, body), {
      success: done,
      failure: `Could not ${what}`,
      refresh: onChanged,
    });
  const rule = () =>
    void confirmed(`${name} ruled inadmissible`, {
      title: `Rule ${name} inadmissible`,
      input: { label: 'The reason, as recorded' },
      confirmLabel: 'Rule inadmissible',
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
        <span>{a.parentNumber ? `sub-amendment to ${a.parentNumber}` : (a.paragraphLabel ?? 'deleted paragraph')}</span>
        <span className={`badge status-${a.status}`} data-testid="amendment-status">
          {STATUS_WORDS[a.status]}
        </span>
        {a.stale && (
          <span className="badge stale" title="The paragraph changed since this amendment was written">
            {a.conflict ? 'needs rewriting' : 'stale · rebased'}
          </span>
        )}
        {a.voting && (
          <span className="muted small" title={a.voting.reason}>
            vote #{a.voting.position}
          </span>
        )}
      </div>
      <div className="muted small">
        {a.sponsor.name}
        {listed.length > 0 && ' with '}
        {listed.map((c, i) => (
          <span key={c.id} className="cosponsor" data-testid="cosponsor">
            {i > 0 && ', '}
            {c.name}
            {c.invited && ' (invited)'}
            {a.youCan.removeCoSponsor.includes(c.id) && (
              <button
                type="button"
                className="link-button cosponsor-remove"
                disabled={busy}
                aria-label={
                  me.delegationId === c.id
                    ? `Withdraw ${c.name}'s co-sponsorship of ${name}`
                    : `Remove ${c.name} as co-sponsor of ${name}`
                }
                title={me.delegationId === c.id ? 'Withdraw our co-sponsorship' : 'Remove this co-sponsor'}
                onClick={() =>
                  void confirmed(`${c.name} no longer co-sponsors ${name}`, {
                    title: `${c.name} will no longer co-sponsor ${name}`,
                    confirmLabel: me.delegationId === c.id ? 'Withdraw co-sponsorship' : 'Remove co-sponsor',
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
          The paragraph now reads: <em>{a.currentText}</em>
          <br />
          This amendment was written against: <em>{a.baseText}</em>
        </div>
      )}
      {mode === 'edit' && (
        <div className="amendment-rewrite">
          <LiveDraftEditor
            amendmentId={a.id}
            base={against}
            user={{ name: me.name, delegation: me.delegationName, role: me.role }}
            label={`${name}: the wording, edited together with the co-sponsors`}
            testId="amendment-live-text"
          />
          <p className="muted small">Saved as you type; the co-sponsors see every change live.</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setMode(null);
              onChanged();
            }}
            data-testid="amendment-live-done"
          >
            Done
          </button>
        </div>
      )}
      {(mode === 'rewrite' || mode === 'sub') && (
        <div className="amendment-rewrite">
          <TrackedTextEditor
            base={against}
            initialText={rewrite}
            onChange={setRewrite}
            label={mode === 'sub' ? `Sub-amendment to ${name}` : 'Amendment text'}
            testId="amendment-textbox"
          />
          <button type="button" className="primary" disabled={busy || rewrite === against} onClick={save}>
            {mode === 'sub' ? 'Table sub-amendment' : 'Save'}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setMode(null)}>
            Cancel
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
                  'accept',
                  'cosponsorship',
                  { answer: 'accept' },
                  `${me.delegationName ?? 'Your delegation'} co-sponsors ${name}`,
                )
              }
              data-testid="cosponsorship-accept"
            >
              Accept co-sponsorship
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() =>
                act('decline', 'cosponsorship', { answer: 'decline' }, `Invitation to co-sponsor ${name} declined`)
              }
              data-testid="cosponsorship-decline"
            >
              Decline
            </button>
          </>
        )}
        {a.youCan.table && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => act('table', 'table', undefined, `${name} tabled`)}
            data-testid="amendment-table"
          >
            Table
          </button>
        )}
        {a.youCan.edit && a.kind !== 'delete' && a.kind !== 'move' && !mode && (
          <button
            type="button"
            className="secondary"
            onClick={() => startWith('edit')}
            data-testid="amendment-edit-live"
            title="Edit the wording together with the co-sponsors, live"
          >
            Edit together
          </button>
        )}
        {a.youCan.rewrite && !mode && (
          <button type="button" className="secondary" onClick={() => startWith('rewrite')}>
            Rewrite
          </button>
        )}
        {a.youCan.subAmend && !mode && (
          <button type="button" className="secondary" onClick={() => startWith('sub')}>
            Sub-amend
          </button>
        )}
        {a.youCan.decide && (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => act('adopt', 'decision', { outcome: 'adopted', method: 'consensus' }, `${name} adopted`)}
              data-testid="amendment-adopt"
            >
              Adopt
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() =>
                act('reject', 'decision', { outcome: 'rejected', method: 'consensus' }, `${name} rejected`)
              }
              data-testid="amendment-reject"
            >
              Reject
            </button>
          </>
        )}
        {a.youCan.rule && (
          <button type="button" className="secondary" disabled={busy} onClick={rule}>
            Inadmissible…
          </button>
        )}
        {a.youCan.inviteCoSponsor && (
          <select
            aria-label={`Invite a co-sponsor to ${name}`}
            value=""
            disabled={busy}
            onChange={(e) =>
              e.target.value && act('invite', 'cosponsors', { delegationId: e.target.value }, 'Co-sponsor invited')
            }
          >
            <option value="">Invite co-sponsor…</option>
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
              void confirmed(`${name} withdrawn`, {
                title: `Withdraw ${name}?`,
                message: 'A withdrawn amendment is no longer before the committee.',
                confirmLabel: `Withdraw ${name}`,
                danger: true,
                action: async () => {
                  await api('POST', `/api/v1/amendments/${a.id}/withdraw`, {});
                  onChanged();
                },
              })
            }
          >
            Withdraw
          </button>
        )}
      </div>
    </li>
  );
}
