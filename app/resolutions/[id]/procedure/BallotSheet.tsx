'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { subjectLabel, useResultWords } from './vote-words';
import type { ProcedureContext, VoteView } from './types';

const CHOICES = ['yes', 'no', 'abstain'] as const;

/**
 * A ballot in every hand: when a vote opens, each member whose delegation votes gets this
 * sheet at the foot of the screen — on a phone too, with no scrolling through 50
 * paragraphs to find the buttons. It says what the delegation voted until the vote closes,
 * then the result, until dismissed.
 */
export function BallotSheet({
  votes,
  context,
  onChanged,
}: {
  votes: VoteView[];
  context: ProcedureContext;
  onChanged: () => Promise<void>;
}) {
  const t = useTranslations('votes');
  const resultWords = useResultWords();
  const action = useApiAction();
  const sheet = useRef<HTMLElement>(null);
  const open = votes.find((v) => v.status === 'open' && v.method !== 'show_of_hands');
  // The vote the sheet is about: the open one, then (closed) its result until dismissed.
  const [followed, setFollowed] = useState<string | null>(open?.id ?? null);
  const [folded, setFolded] = useState(false);
  useEffect(() => {
    if (open && open.id !== followed) {
      setFollowed(open.id);
      setFolded(false);
    }
  }, [open, followed]);
  if (!context.may.castOwn) return null;
  const vote = votes.find((v) => v.id === followed);
  if (!vote) return null;
  const subject = subjectLabel(vote, context, t);
  const delegation = context.me.delegationName ?? t('yourDelegation');
  const isOpen = vote.status === 'open';
  // A secret ballot, once cast, is final (lib/votes/secret.ts).
  const secretCast = vote.method === 'secret' && vote.ownBallotCast;
  // No toast on success: the line under the buttons says what the delegation voted (and is
  // read out), and on a phone a second toast over the "vote is open" one hid the header.
  const cast = (choice: string) =>
    action.run(() => api('POST', `/api/v1/votes/${vote.id}/ballots`, { choice }), {
      failure: t('ballotFailed'),
      refresh: onChanged,
      inline: true,
    });

  return (
    <section
      ref={sheet}
      id="ballot-sheet"
      className={`ballot-sheet ${folded ? 'folded' : ''}`}
      aria-labelledby="ballot-sheet-title"
      tabIndex={-1}
      data-testid="ballot-sheet"
      data-status={vote.status}
    >
      <div className="ballot-sheet-head">
        <h2 id="ballot-sheet-title">{t(isOpen ? 'sheetBallot' : 'sheetResult', { subject })}</h2>
        <button
          type="button"
          className="link-button"
          aria-expanded={!folded}
          onClick={() => (isOpen ? setFolded((f) => !f) : setFollowed(null))}
          data-testid="ballot-sheet-toggle"
        >
          {isOpen ? (folded ? t('show') : t('hide')) : t('dismiss')}
        </button>
      </div>
      {!folded && isOpen && (
        <>
          <fieldset className="ballot-buttons ballot-sheet-buttons" aria-label={t('voteOf', { delegation })}>
            {CHOICES.map((c) => (
              <button
                type="button"
                key={c}
                disabled={action.busy || secretCast}
                aria-pressed={vote.ownChoice === c}
                className={`ballot ballot-${c} ${vote.ownChoice === c ? 'chosen' : ''}`}
                onClick={() => cast(c)}
                data-testid={`sheet-cast-${c}`}
              >
                {t(`choice.${c}`)}
              </button>
            ))}
          </fieldset>
          <p className="small" data-testid="ballot-sheet-own" aria-live="polite">
            {vote.method === 'secret'
              ? secretCast
                ? t('secretCast')
                : t('secretNotice')
              : vote.ownChoice
                ? t('ownVoted', { delegation, choice: t(`choice.${vote.ownChoice}`) })
                : t('ownNotYet', { delegation })}
          </p>
          {action.problem && (
            <p className="error" role="alert">
              {action.problem}
            </p>
          )}
        </>
      )}
      {!isOpen && vote.result && (
        <div data-testid="ballot-sheet-result" data-outcome={vote.result.outcome}>
          <p className={`outcome outcome-${vote.result.outcome}`}>{resultWords(vote.result)}</p>
          <p className="small">
            {t('totals', { ...vote.result.totals })}
            {vote.ownChoice ? ` · ${t('ownVotedShort', { delegation, choice: t(`choice.${vote.ownChoice}`) })}` : ''}
          </p>
        </div>
      )}
    </section>
  );
}
