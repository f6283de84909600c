'use client';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import type { ScreenContent } from '@/lib/screen/content';
import { subjectLabel } from '../procedure/VoteCard';
import type { ProcedureContext, VoteView } from '../procedure/types';

/** "Show on screen": the chair or the secretariat chooses what the room's projector shows. */
export function ScreenControl({ context, votes }: { context: ProcedureContext; votes: VoteView[] }) {
  const action = useApiAction();
  const openVote = votes.find((v) => v.status === 'open');
  const [choice, setChoice] = useState(openVote ? `vote:${openVote.id}` : 'voting-order');
  const screenUrl = `/resolutions/${context.resolutionId}/screen`;

  const content = (value: string): ScreenContent => {
    const [kind, id] = value.split(':');
    if (kind === 'paragraph') return { kind, paragraphId: id };
    if (kind === 'amendment') return { kind, amendmentId: id };
    if (kind === 'vote') return { kind, voteId: id };
    if (kind === 'voting-order' || kind === 'adopted-text') return { kind };
    return { kind: 'blank' };
  };
  const show = (value: string) =>
    action.run(() => api('PUT', `/api/v1/resolutions/${context.resolutionId}/screen`, content(value)), {
      success: 'On the screen',
      failure: 'The screen did not change',
    });

  if (!context.may.steerScreen)
    return (
      <p className="small">
        <a href={screenUrl} target="_blank" rel="noreferrer">
          The screen for the room ↗
        </a>
      </p>
    );
  return (
    <section className="procedure-section" aria-labelledby="screen-heading" data-testid="screen-control">
      <h3 id="screen-heading">Screen for the room</h3>
      <label className="procedure-form">
        Show
        <select value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="screen-choice">
          <option value="blank">Nothing</option>
          <option value="voting-order">The voting order</option>
          <option value="adopted-text">The whole text</option>
          {votes.map((v) => (
            <option key={v.id} value={`vote:${v.id}`}>
              Vote on {subjectLabel(v, context)} ({v.status})
            </option>
          ))}
          {context.tabledAmendments.map((a) => (
            <option key={a.id} value={`amendment:${a.id}`}>
              Amendment A/{a.number}
              {a.paragraphLabel ? ` (${a.paragraphLabel})` : ''}
            </option>
          ))}
          {context.paragraphs.map((p) => (
            <option key={p.id} value={`paragraph:${p.id}`}>
              {p.label} — {p.excerpt}
            </option>
          ))}
        </select>
      </label>
      <div className="actions">
        <button type="button" disabled={action.busy} onClick={() => show(choice)} data-testid="screen-show">
          Show on screen
        </button>
        <a href={screenUrl} target="_blank" rel="noreferrer" data-testid="screen-link">
          Open the screen ↗
        </a>
      </div>
    </section>
  );
}
