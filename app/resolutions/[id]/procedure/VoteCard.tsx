'use client';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useConfirm } from '@/app/_components/ConfirmDialog';
import { useApiAction } from '@/app/_components/useApiAction';
import { SECRET_BALLOT_NOTICE } from '@/lib/votes/secret';
import { TallyChart } from './TallyChart';
import { MAJORITY_NAMES, METHOD_NAMES, type ProcedureContext, type VoteView } from './types';

const CHOICES = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'abstain', label: 'Abstain' },
] as const;

/** One vote: what is voted on, the live tally, the member's ballot, the chair's close, the result. */
export function VoteCard({
  vote,
  context,
  onChanged,
}: {
  vote: VoteView;
  context: ProcedureContext;
  onChanged: () => Promise<void>;
}) {
  const confirm = useConfirm();
  const action = useApiAction();
  const busy = action.busy;
  const [counts, setCounts] = useState({ yes: '', no: '', abstain: '' });
  const open = vote.status === 'open';
  const subject = subjectLabel(vote, context);
  // A secret ballot, once cast, is final (lib/votes/secret.ts).
  const secretCast = vote.method === 'secret' && vote.ownBallotCast;

  const cast = (choice: string, delegationId?: string) =>
    action.run(
      () => api('POST', `/api/v1/votes/${vote.id}/ballots`, { choice, ...(delegationId ? { delegationId } : {}) }),
      {
        success: delegationId ? 'Ballot entered' : `You voted ${choice}`,
        failure: 'The ballot was not recorded',
        refresh: onChanged,
      },
    );
  const close = async () => {
    const body =
      vote.method === 'show_of_hands'
        ? { counts: { yes: Number(counts.yes || 0), no: Number(counts.no || 0), abstain: Number(counts.abstain || 0) } }
        : {};
    await confirm({
      title: `Close the vote on ${subject}?`,
      message: 'The result is final.',
      confirmLabel: 'Close the vote',
      action: async () => {
        await api('POST', `/api/v1/votes/${vote.id}/close`, body);
        await onChanged();
      },
    });
  };

  const result = vote.result;
  const recordedBallots = new Map(vote.ballots.map((b) => [b.delegationId, b.choice]));
  return (
    <article className={`vote-card vote-${vote.status}`} data-testid="vote-card" data-status={vote.status}>
      <header>
        <strong>{subject}</strong>
        <span className="muted small">
          {METHOD_NAMES[vote.method]} · {MAJORITY_NAMES[vote.majority]}
          {vote.quorum ? ` · quorum ${vote.quorum}` : ''}
          {vote.weighted ? ' · weighted' : ''}
        </span>
      </header>

      {open && vote.tally && <TallyChart tally={vote.tally} scale={vote.eligible} />}
      {open && (
        <p className="muted small" data-testid="ballots-cast">
          {vote.method === 'show_of_hands'
            ? 'Show of hands: the chair enters the counts.'
            : `${vote.ballotsCast} of ${vote.eligible} delegations have voted${vote.method === 'secret' ? ' (secret ballot: totals at the close)' : ''}.`}
        </p>
      )}

      {vote.youCan.cast && vote.method === 'secret' && (
        <p className="muted small" data-testid="secret-ballot-notice">
          {secretCast ? 'Your delegation has cast its secret ballot; it cannot be changed.' : SECRET_BALLOT_NOTICE}
        </p>
      )}
      {vote.youCan.cast && vote.method !== 'show_of_hands' && (
        <fieldset
          className="ballot-buttons"
          aria-label={`Your vote for ${context.me.delegationName ?? 'your delegation'}`}
        >
          {CHOICES.map((c) => (
            <button
              type="button"
              key={c.value}
              disabled={busy || secretCast}
              aria-pressed={vote.ownChoice === c.value}
              className={`ballot ballot-${c.value} ${vote.ownChoice === c.value ? 'chosen' : ''}`}
              onClick={() => cast(c.value)}
              data-testid={`cast-${c.value}`}
            >
              {c.label}
            </button>
          ))}
        </fieldset>
      )}

      {vote.youCan.recordBallots && (
        <details className="roll">
          <summary>
            {vote.rollCall
              ? `Roll call from ${vote.rollCall.drawnFirst} (drawn by lot)`
              : 'Enter ballots announced on the floor'}
          </summary>
          <ol>
            {(vote.rollCall?.order ?? context.delegations.map((d) => d.name)).map((name) => {
              const d = context.delegations.find((x) => x.name === name);
              if (!d) return null;
              return (
                <li key={d.id}>
                  <span>{d.name}</span>
                  {CHOICES.map((c) => (
                    <button
                      type="button"
                      key={c.value}
                      className={`mini ${recordedBallots.get(d.id) === c.value ? 'chosen' : ''}`}
                      disabled={busy}
                      onClick={() => cast(c.value, d.id)}
                      aria-label={`${d.name}: ${c.label}`}
                    >
                      {c.label[0]}
                    </button>
                  ))}
                </li>
              );
            })}
          </ol>
        </details>
      )}

      {vote.youCan.close && (
        <div className="close-vote">
          {vote.method === 'show_of_hands' && (
            <div className="form-row counts">
              {CHOICES.map((c) => (
                <label key={c.value}>
                  {c.label}
                  <input
                    type="number"
                    min={0}
                    value={counts[c.value]}
                    onChange={(e) => setCounts({ ...counts, [c.value]: e.target.value })}
                    name={`count-${c.value}`}
                  />
                </label>
              ))}
            </div>
          )}
          <button type="button" disabled={busy} onClick={close} data-testid="vote-close">
            Close the vote
          </button>
        </div>
      )}

      {!open && result && (
        <div className="vote-result" data-testid="vote-result" data-outcome={result.outcome}>
          <TallyChart
            tally={result.totals}
            scale={result.totals.yes + result.totals.no + result.totals.abstain}
            required={result.required}
          />
          <p className={`outcome outcome-${result.outcome}`}>{result.explanation}</p>
          {result.byChoice && (
            <dl className="by-choice">
              {CHOICES.map((c) => (
                <div key={c.value}>
                  <dt>{c.label}</dt>
                  <dd>{result.byChoice![c.value].join(', ') || '—'}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      )}
    </article>
  );
}

export function subjectLabel(vote: VoteView, context: Pick<ProcedureContext, 'paragraphs'>): string {
  if (vote.subject.kind === 'resolution') return 'the whole text';
  if (vote.subject.kind === 'amendment') return `amendment A/${vote.subject.amendmentNumber ?? '?'}`;
  const p = context.paragraphs.find((x) => x.id === vote.subject.paragraphId);
  return `${p?.label ?? 'a deleted paragraph'} (separate vote)`;
}
