'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { api } from '@/app/_components/api';
import { useProcedureEvents, type ProcedureEvent } from '@/app/_components/useProcedureEvents';
import { useToast } from '@/app/_components/Toaster';
import { focusParagraph, useAmendRequests } from '@/app/_components/amend-request';
import { formatDateTime } from '@/app/_lib/dates';
import { publishTextMarks } from '@/app/_components/amendment-marks-store';
import { textMarks } from '@/app/_lib/text-marks';
import { useDecisionWords } from '@/app/_components/decision-words';
import type { VoteView } from '../procedure/types';
import { AmendmentCard } from './AmendmentCard';
import { AmendmentForm } from './AmendmentForm';
import type { AmendmentView, AmendmentsContext, CompilationResponse, ParagraphOption } from './types';

/**
 * The amendments panel beside the text: the amendments grouped by paragraph, each as a
 * redline against the current text, and "Amend" to start one. Live: every amendment event
 * refetches (with the viewer's own rights), so a tabling appears in every open page.
 */
export function AmendmentsPanel({
  context,
  initialAmendments,
  initialParagraphs,
}: {
  context: AmendmentsContext;
  initialAmendments: AmendmentView[];
  initialParagraphs: ParagraphOption[];
}) {
  const t = useTranslations('amendments');
  const tm = useTranslations('marks');
  const locale = useLocale();
  const words = useDecisionWords();
  const [amendments, setAmendments] = useState(initialAmendments);
  const [paragraphs, setParagraphs] = useState(initialParagraphs);
  // Open form, and the paragraph it starts on ("Amend" on a paragraph of the text).
  const [drafting, setDrafting] = useState<{ paragraphId?: string; n: number } | null>(null);
  const [showClosed, setShowClosed] = useState(false);
  const router = useRouter();
  const toast = useToast();
  const base = `/api/v1/resolutions/${context.resolutionId}`;

  // Votes tell how a decided amendment was decided (the tally), shown on its mark in the text.
  const [votes, setVotes] = useState<VoteView[]>([]);
  const reload = useCallback(async () => {
    const [compiled, text, held] = await Promise.all([
      api<CompilationResponse>('GET', `${base}/amendments`),
      api<{ paragraphs: ParagraphOption[] }>('GET', `${base}/text`),
      api<{ votes: VoteView[] }>('GET', `${base}/votes`),
    ]);
    setAmendments(compiled.amendments);
    setParagraphs(text.paragraphs);
    setVotes(held.votes);
  }, [base]);
  useEffect(() => {
    void api<{ votes: VoteView[] }>('GET', `${base}/votes`)
      .then((held) => setVotes(held.votes))
      .catch(() => {});
  }, [base]);
  // The amendments in the text: each paragraph's marks, drawn by the editor.
  useEffect(() => publishTextMarks(textMarks(amendments, votes, words)), [amendments, votes, words]);
  useEffect(() => () => publishTextMarks([]), []);

  useAmendRequests(async (paragraphId) => {
    if (!context.mayDraft) return;
    // Always on the paragraph's current wording, including paragraphs written since the
    // page loaded: the list is fetched again before the form opens on it.
    await reload().catch(() => {});
    setDrafting((d) => ({ paragraphId, n: (d?.n ?? 0) + 1 }));
  });

  const connected = useProcedureEvents(context.resolutionId, (e: ProcedureEvent) => {
    if (e.type === 'vote.closed') void reload().catch(() => {});
    if (!e.type.startsWith('amendment.') && e.type !== 'stage.changed') return;
    void reload().catch(() => {});
    const number = (e.data as { number?: string } | undefined)?.number;
    if (e.type === 'amendment.tabled' && number) toast(t('tabledToast', { number }), 'info');
    if (e.type === 'amendment.decided') {
      const outcome = (e.data as { outcome?: string }).outcome;
      toast(
        t('decidedToast', {
          number: number ?? t('anAmendment'),
          outcome: outcome && tm.has(`status.${outcome}`) ? tm(`status.${outcome}`) : t('decided'),
        }),
        'info',
      );
      // The text (and its versions) changed: the server-rendered parts refresh.
      router.refresh();
    }
  });

  const open = amendments.filter((a) => a.status === 'draft' || a.status === 'tabled');
  const closed = amendments.filter((a) => a.status !== 'draft' && a.status !== 'tabled');
  const order = (a: AmendmentView) => a.voting?.position ?? 10_000 + (Number(a.number?.slice(2)) || 0);
  const shown = [...open.sort((x, y) => order(x) - order(y)), ...(showClosed ? closed : [])];

  return (
    <aside className="sidebar amendments-panel" aria-label={t('title')} data-testid="amendments-panel">
      <h2>
        {t('title')}{' '}
        <span className={`live-dot ${connected ? 'on' : ''}`} title={connected ? t('live') : t('reconnecting')} />
      </h2>
      {context.tablingDeadline && (
        <p className="muted small">{t('deadline', { date: formatDateTime(context.tablingDeadline, locale) })}</p>
      )}
      {context.mayDraft && !drafting && (
        <button type="button" className="primary" onClick={() => setDrafting({ n: 0 })} data-testid="amend-start">
          {t('amend')}
        </button>
      )}
      {drafting && (
        <AmendmentForm
          key={`${drafting.paragraphId ?? ''}:${drafting.n}`}
          context={context}
          paragraphs={paragraphs}
          initialParagraphId={drafting.paragraphId}
          // Opened from a paragraph (or Ctrl+Alt+A): the form comes into view with focus in it.
          focusOnOpen={drafting.paragraphId !== undefined}
          onDone={() => {
            setDrafting(null);
            void reload();
          }}
          onCancel={() => {
            const from = drafting.paragraphId;
            setDrafting(null);
            // Back where the delegate was: their paragraph, or the button that opened the form.
            if (from) focusParagraph(from);
            else
              requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="amend-start"]')?.focus());
          }}
        />
      )}
      {shown.length === 0 && <p className="muted small">{t('none')}</p>}
      <ol className="amendment-list" data-testid="amendment-list">
        {shown.map((a) => (
          <AmendmentCard
            key={a.id}
            amendment={a}
            resolutionId={context.resolutionId}
            delegations={context.delegations}
            me={context.me}
            onChanged={() => void reload()}
          />
        ))}
      </ol>
      {closed.length > 0 && (
        <button type="button" className="link-button" onClick={() => setShowClosed((s) => !s)}>
          {t(showClosed ? 'hideClosed' : 'showClosed', { count: closed.length })}
        </button>
      )}
      <p className="small">
        <Link href={`/resolutions/${context.resolutionId}/amendments`} data-testid="compilation-link">
          {t('compilation')}
        </Link>
      </p>
    </aside>
  );
}
