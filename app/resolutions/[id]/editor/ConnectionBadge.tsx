'use client';
import { STATUS_LABELS } from '@/lib/editor/connection';
import type { CollabState } from './useCollabSession';

/** Connection and access at a glance: what a delegate needs before typing. */
export function ConnectionBadge({ state }: { state: CollabState }) {
  const access = state.access?.access;
  return (
    <div className="connection" role="status" aria-live="polite" data-testid="connection-badge">
      <span className={`badge badge-${state.status}`} data-testid="connection-status" data-status={state.status}>
        <span className="badge-dot" aria-hidden="true" />
        {STATUS_LABELS[state.status]}
      </span>
      {access && (
        <span className={`badge badge-access-${access}`} data-testid="access-badge" data-access={access}>
          {access === 'write' ? 'Editing' : 'Read only'}
        </span>
      )}
      {access === 'read' && state.access?.reason && (
        <span className="muted connection-note">{state.access.reason}</span>
      )}
      {state.problem && state.status !== 'connected' && (
        <span className="connection-note connection-problem" data-testid="connection-problem">
          {state.problem}
        </span>
      )}
    </div>
  );
}
