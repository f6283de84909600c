'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { useHydrated } from '@/app/_components/useHydrated';
import type { ScreenContent } from '@/lib/screen/content';
import { subjectLabel } from '../procedure/vote-words';
import type { ProcedureContext, VoteView } from '../procedure/types';

/** "Show on screen": the chair or the secretariat chooses what the room's projector shows. */
export function ScreenControl({ context, votes }: { context: ProcedureContext; votes: VoteView[] }) {
  const t = useTranslations('screen');
  const tv = useTranslations('votes');
  const action = useApiAction();
  const hydrated = useHydrated();
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
      success: t('shown'),
      failure: t('showFailed'),
    });

  if (!context.may.steerScreen)
    return (
      <p className="small">
        <a href={screenUrl} target="_blank" rel="noreferrer">
          {t('forTheRoom')} ↗
        </a>
      </p>
    );
  return (
    <section className="procedure-section" aria-labelledby="screen-heading" data-testid="screen-control">
      <h3 id="screen-heading">{t('heading')}</h3>
      <label className="procedure-form">
        {t('show')}
        <select
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          disabled={!hydrated}
          data-testid="screen-choice"
        >
          <option value="blank">{t('nothing')}</option>
          <option value="voting-order">{t('theVotingOrder')}</option>
          <option value="adopted-text">{t('wholeText')}</option>
          {votes.map((v) => (
            <option key={v.id} value={`vote:${v.id}`}>
              {t('voteOption', { subject: subjectLabel(v, context, tv), status: v.status })}
            </option>
          ))}
          {context.tabledAmendments.map((a) => (
            <option key={a.id} value={`amendment:${a.id}`}>
              {tv(a.paragraphLabel ? 'onAmendmentOf' : 'onAmendment', {
                number: a.number ?? '?',
                paragraph: a.paragraphLabel ?? '',
              })}
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
          {t('showOnScreen')}
        </button>
        <a href={screenUrl} target="_blank" rel="noreferrer" data-testid="screen-link">
          {t('open')} ↗
        </a>
      </div>
    </section>
  );
}
