'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { VoteCard } from './VoteCard';
import { MAJORITIES, VOTE_METHODS, type ProcedureContext, type VoteView } from './types';

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
  const t = useTranslations('votes');
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
      { success: t('opened'), failure: t('openFailed'), refresh: onChanged, inline: true },
    );
    if (opened !== undefined) setOpening(false);
  }

  const ordered = [...votes].sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
  return (
    <section className="procedure-section" aria-labelledby="votes-heading">
      <h3 id="votes-heading">{t('title')}</h3>
      {ordered.length === 0 && <p className="muted small">{t('none')}</p>}
      {context.may.openVote && (context.stage === 'drafting' || context.stage === 'amendments') && (
        <p className="muted small" data-testid="votes-later">
          {t('later')}
        </p>
      )}
      {ordered.map((v) => (
        <VoteCard key={v.id} vote={v} context={context} onChanged={onChanged} />
      ))}
      {mayOpen && !opening && (
        <button type="button" className="secondary" onClick={() => setOpening(true)} data-testid="vote-new">
          {t('new')}
        </button>
      )}
      {mayOpen && opening && (
        <form className="procedure-form" onSubmit={open} data-testid="vote-form">
          <label>
            {t('on')}
            <select value={subject} onChange={(e) => setSubject(e.target.value)} name="subject">
              <option value="resolution">{t('onWholeText')}</option>
              {context.tabledAmendments.map((a) => (
                <option key={a.id} value={`amendment:${a.id}`}>
                  {t(a.paragraphLabel ? 'onAmendmentOf' : 'onAmendment', {
                    number: a.number ?? '?',
                    paragraph: a.paragraphLabel ?? '',
                  })}
                </option>
              ))}
              {context.paragraphs.map((p) => (
                <option key={p.id} value={`paragraph:${p.id}`}>
                  {t('onParagraph', { label: p.label, excerpt: p.excerpt })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('methodLabel')}
            <select value={method} onChange={(e) => setMethod(e.target.value)} name="method">
              {VOTE_METHODS.map((k) => (
                <option key={k} value={k}>
                  {t(`method.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('majorityLabel')}
            <select value={majority} onChange={(e) => setMajority(e.target.value)} name="majority">
              {MAJORITIES.map((k) => (
                <option key={k} value={k}>
                  {t(`majorityOption.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="form-row">
            <label>
              {t('quorum')}
              <input
                type="number"
                min={1}
                value={quorum}
                onChange={(e) => setQuorum(e.target.value)}
                placeholder={t('quorumNone')}
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
              {t('weightedVotes')}
            </label>
          </div>
          {action.problem && (
            <p className="error" role="alert">
              {action.problem}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {t('open')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpening(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
