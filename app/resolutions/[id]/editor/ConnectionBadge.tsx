'use client';
import { useTranslations } from 'next-intl';
import type { CollabState } from './useCollabSession';

/** Connection and access at a glance: what a delegate needs before typing. */
export function ConnectionBadge({ state }: { state: CollabState }) {
  const t = useTranslations('connection');
  const access = state.access?.access;
  return (
    <div className="connection" role="status" aria-live="polite" data-testid="connection-badge">
      <span className={`badge badge-${state.status}`} data-testid="connection-status" data-status={state.status}>
        <span className="badge-dot" aria-hidden="true" />
        {t(`status.${state.status}`)}
      </span>
      {access && (
        <span className={`badge badge-access-${access}`} data-testid="access-badge" data-access={access}>
          {access === 'write' ? t('editing') : t('readOnly')}
        </span>
      )}
      {access === 'read' && state.access?.reason && (
        <span className="muted connection-note">{state.access.reason}</span>
      )}
      {state.problem && state.status !== 'connected' && (
        <span className="connection-note connection-problem" data-testid="connection-problem">
          {t(`problem.${state.problem}`)}
        </span>
      )}
    </div>
  );
}
