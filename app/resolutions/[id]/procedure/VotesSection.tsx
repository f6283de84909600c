'use client';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { VoteCard } from './VoteCard';
import { MAJORITY_NAMES, METHOD_NAMES, type ProcedureContext, type VoteView } from './types';

/** Votes: the chair opens one (subject, method, majority); the open vote first, then the record. */
export function VotesSection({
  context,
  votes,
  onChanged,
}: {
  context: ProcedureContext;
  votes: VoteView[];
  onChanged: () => Promise<void>;
}) {
  const action = useApiAction();
  const busy = action.busy;
  const [opening, setOpening] = useState(false);
  const [subject, setSubject] = useState('resolution');
  const [method, setMethod] = useState('electronic');
  const [majority, setMajority] = useState('simple');
  const [quorum, setQuorum] = useState('');
  const [weighted, setWeighted] = useState(false);
  const anyOpen = votes.some((v) => v.status === 'open');
  const mayOpen = context.may.openVote && context.stage === 'voting' && !anyOpen;

  async function open(e: React.FormEvent) {
    e.preventDefault();
    const [kind, id] = subject.split(':');
    const opened = await action.run(
      () =>
        api('POST', `/api/v1/resolutions/${context.resolutionId}/votes`, {
          subject:
            kind === 'amendment'
              ? { kind, amendmentId: id }
              : kind === 'paragraph'
                ? { kind, paragraphId: id }
                : { kind: 'resolution' },
          method,
          majority,
          quorum: quorum ? Number(quorum) : null,
          weighted,
        }),
      { success: 'Vote opened', failure: 'Could not open the vote', refresh: onChanged, inline: true },
    );
    if (opened !== undefined) setOpening(false);
  }

  const ordered = [...votes].sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
  return (
    <section className="procedure-section" aria-labelledby="votes-heading">
      <h3 id="votes-heading">Votes</h3>
      {ordered.length === 0 && <p className="muted small">No vote taken yet.</p>}
      {context.may.openVote && (context.stage === 'drafting' || context.stage === 'amendments') && (
        <p className="muted small" data-testid="votes-later">
          Votes are opened at the voting stage.
        </p>
      )}
      {ordered.map((v) => (
        <VoteCard key={v.id} vote={v} context={context} onChanged={onChanged} />
      ))}
      {mayOpen && !opening && (
        <button type="button" className="secondary" onClick={() => setOpening(true)} data-testid="vote-new">
          Open a vote
        </button>
      )}
      {mayOpen && opening && (
        <form className="procedure-form" onSubmit={open} data-testid="vote-form">
          <label>
            On
            <select value={subject} onChange={(e) => setSubject(e.target.value)} name="subject">
              <option value="resolution">The whole text (adopts it if carried)</option>
              {context.tabledAmendments.map((a) => (
                <option key={a.id} value={`amendment:${a.id}`}>
                  Amendment A/{a.number}
                  {a.paragraphLabel ? ` (${a.paragraphLabel})` : ''}
                </option>
              ))}
              {context.paragraphs.map((p) => (
                <option key={p.id} value={`paragraph:${p.id}`}>
                  Separate vote: {p.label} — {p.excerpt}
                </option>
              ))}
            </select>
          </label>
          <label>
            Method
            <select value={method} onChange={(e) => setMethod(e.target.value)} name="method">
              {Object.entries(METHOD_NAMES).map(([k, name]) => (
                <option key={k} value={k}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Majority
            <select value={majority} onChange={(e) => setMajority(e.target.value)} name="majority">
              {Object.entries(MAJORITY_NAMES).map(([k, name]) => (
                <option key={k} value={k}>
                  {name[0].toUpperCase() + name.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <div className="form-row">
            <label>
              Quorum
              <input
                type="number"
                min={1}
                value={quorum}
                onChange={(e) => setQuorum(e.target.value)}
                placeholder="none"
                name="quorum"
              />
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={weighted}
                onChange={(e) => setWeighted(e.target.checked)}
                name="weighted"
              />{' '}
              Weighted votes
            </label>
          </div>
          {action.problem && (
            <p className="error" role="alert">
              {action.problem}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              Open the vote
            </button>
            <button type="button" className="secondary" onClick={() => setOpening(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
