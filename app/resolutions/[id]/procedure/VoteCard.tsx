'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useConfirm } from '@/app/_components/ConfirmDialog';
import { useApiAction } from '@/app/_components/useApiAction';
import { TallyChart } from './TallyChart';
import type { ProcedureContext, VoteView } from './types';
import { subjectLabel, useResultWords } from './vote-words';

const CHOICES = ['yes', 'no', 'abstain'] as const;

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
  const t = useTranslations('votes');
  const resultWords = useResultWords();
  const confirm = useConfirm();
  const action = useApiAction();
  const busy = action.busy;
  const [counts, setCounts] = useState({ yes: '', no: '', abstain: '' });
  const open = vote.status === 'open';
  const subject = subjectLabel(vote, context, t);
  // A secret ballot, once cast, is final (lib/votes/secret.ts).
  const secretCast = vote.method === 'secret' && vote.ownBallotCast;

  const cast = (choice: string, delegationId?: string) =>
    action.run(
      () => api('POST', `/api/v1/votes/${vote.id}/ballots`, { choice, ...(delegationId ? { delegationId } : {}) }),
      {
        success: delegationId ? t('ballotEntered') : t('youVoted', { choice: t(`choice.${choice}`) }),
        failure: t('ballotFailed'),
        refresh: onChanged,
      },
    );
  const close = async () => {
    const body =
      vote.method === 'show_of_hands'
        ? { counts: { yes: Number(counts.yes || 0), no: Number(counts.no || 0), abstain: Number(counts.abstain || 0) } }
        : {};
    await confirm({
      title: t('closeQuestion', { subject }),
      message: t('resultFinal'),
      confirmLabel: t('close'),
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
          {t(`method.${vote.method}`)} · {t(`majority.${vote.majority}`)}
          {vote.quorum ? ` · ${t('quorumOf', { quorum: vote.quorum })}` : ''}
          {vote.weighted ? ` · ${t('weighted')}` : ''}
        </span>
      </header>

      {open && vote.tally && <TallyChart tally={vote.tally} scale={vote.eligible} />}
      {open && (
        <p className="muted small" data-testid="ballots-cast">
          {vote.method === 'show_of_hands'
            ? t('showOfHandsNote')
            : t(vote.method === 'secret' ? 'ballotsCastSecret' : 'ballotsCast', {
                cast: vote.ballotsCast,
                eligible: vote.eligible,
              })}
        </p>
      )}

      {vote.youCan.cast && vote.method === 'secret' && (
        <p className="muted small" data-testid="secret-ballot-notice">
          {secretCast ? t('secretCast') : t('secretNotice')}
        </p>
      )}
      {vote.youCan.cast && vote.method !== 'show_of_hands' && (
        <fieldset
          className="ballot-buttons"
          aria-label={t('yourVoteFor', { delegation: context.me.delegationName ?? t('yourDelegation') })}
        >
          {CHOICES.map((c) => (
            <button
              type="button"
              key={c}
              disabled={busy || secretCast}
              aria-pressed={vote.ownChoice === c}
              className={`ballot ballot-${c} ${vote.ownChoice === c ? 'chosen' : ''}`}
              onClick={() => cast(c)}
              data-testid={`cast-${c}`}
            >
              {t(`choice.${c}`)}
            </button>
          ))}
        </fieldset>
      )}

      {vote.youCan.recordBallots && (
        <details className="roll">
          <summary>
            {vote.rollCall ? t('rollCallFrom', { first: vote.rollCall.drawnFirst }) : t('enterBallots')}
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
                      key={c}
                      className={`mini ${recordedBallots.get(d.id) === c ? 'chosen' : ''}`}
                      disabled={busy}
                      onClick={() => cast(c, d.id)}
                      aria-label={t('ballotOf', { delegation: d.name, choice: t(`choice.${c}`) })}
                    >
                      {t(`choiceLetter.${c}`)}
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
                <label key={c}>
                  {t(`choice.${c}`)}
                  <input
                    type="number"
                    min={0}
                    value={counts[c]}
                    onChange={(e) => setCounts({ ...counts, [c]: e.target.value })}
                    name={`count-${c}`}
                  />
                </label>
              ))}
            </div>
          )}
          <button type="button" disabled={busy} onClick={close} data-testid="vote-close">
            {t('close')}
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
          <p className={`outcome outcome-${result.outcome}`}>{resultWords(result)}</p>
          {result.byChoice && (
            <dl className="by-choice">
              {CHOICES.map((c) => (
                <div key={c}>
                  <dt>{t(`choice.${c}`)}</dt>
                  <dd>{result.byChoice![c].join(', ') || '—'}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      )}
    </article>
  );
}
