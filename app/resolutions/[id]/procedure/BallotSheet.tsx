'use client';
import { useEffect, useRef, useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { SECRET_BALLOT_NOTICE } from '@/lib/votes/secret';
import { subjectLabel } from './VoteCard';
import type { ProcedureContext, VoteView } from './types';

const CHOICES = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'abstain', label: 'Abstain' },
] as const;

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
  const subject = subjectLabel(vote, context);
  const isOpen = vote.status === 'open';
  // A secret ballot, once cast, is final (lib/votes/secret.ts).
  const secretCast = vote.method === 'secret' && vote.ownBallotCast;
  const cast = (choice: string) =>
    action.run(() => api('POST', `/api/v1/votes/${vote.id}/ballots`, { choice }), {
      success: `You voted ${choice}`,
      failure: 'The ballot was not recorded',
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
        <h2 id="ballot-sheet-title">
          {isOpen ? 'Your ballot' : 'Result'}: {subject}
        </h2>
        <button
          type="button"
          className="link-button"
          aria-expanded={!folded}
          onClick={() => (isOpen ? setFolded((f) => !f) : setFollowed(null))}
          data-testid="ballot-sheet-toggle"
        >
          {isOpen ? (folded ? 'Show' : 'Hide') : 'Dismiss'}
        </button>
      </div>
      {!folded && isOpen && (
        <>
          <fieldset
            className="ballot-buttons ballot-sheet-buttons"
            aria-label={`Vote of ${context.me.delegationName ?? 'your delegation'}`}
          >
            {CHOICES.map((c) => (
              <button
                type="button"
                key={c.value}
                disabled={action.busy || secretCast}
                aria-pressed={vote.ownChoice === c.value}
                className={`ballot ballot-${c.value} ${vote.ownChoice === c.value ? 'chosen' : ''}`}
                onClick={() => cast(c.value)}
                data-testid={`sheet-cast-${c.value}`}
              >
                {c.label}
              </button>
            ))}
          </fieldset>
          <p className="small" data-testid="ballot-sheet-own" aria-live="polite">
            {vote.method === 'secret'
              ? secretCast
                ? 'Your delegation has cast its secret ballot; it cannot be changed.'
                : SECRET_BALLOT_NOTICE
              : vote.ownChoice
                ? `${context.me.delegationName ?? 'Your delegation'} voted ${CHOICES.find((c) => c.value === vote.ownChoice)?.label}. You can change it until the vote closes.`
                : `${context.me.delegationName ?? 'Your delegation'} has not voted yet.`}
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
          <p className={`outcome outcome-${vote.result.outcome}`}>{vote.result.explanation}</p>
          <p className="small">
            Yes {vote.result.totals.yes} · No {vote.result.totals.no} · Abstain {vote.result.totals.abstain}
            {vote.ownChoice ? ` · ${context.me.delegationName ?? 'your delegation'} voted ${vote.ownChoice}` : ''}
          </p>
        </div>
      )}
    </section>
  );
}
