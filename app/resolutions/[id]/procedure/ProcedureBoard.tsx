'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { api } from '@/app/_components/api';
import { useProcedureEvents, type ProcedureEvent } from '@/app/_components/useProcedureEvents';
import { useToast } from '@/app/_components/Toaster';
import { ReservationsSection } from './ReservationsSection';
import { VotesSection } from './VotesSection';
import { BallotSheet } from './BallotSheet';
import { ScreenControl } from '../screen/ScreenControl';
import { AdoptionDialog } from './AdoptionDialog';
import { ReservationMarks } from './ReservationMarks';
import type { ProcedureContext, ReservationView, VoteView } from './types';

/**
 * The procedure panel: votes, reservations and adoption, kept live. Every open page hears
 * the same procedure events and refetches what they touch; a ballot's event already carries
 * the new tally, so the chart moves without waiting for the refetch.
 */
export function ProcedureBoard({
  context,
  initialVotes,
  initialReservations,
}: {
  context: ProcedureContext;
  initialVotes: VoteView[];
  initialReservations: ReservationView[];
}) {
  const t = useTranslations('procedure');
  const tv = useTranslations('votes');
  const [votes, setVotes] = useState(initialVotes);
  const [reservations, setReservations] = useState(initialReservations);
  const router = useRouter();
  const toast = useToast();
  const base = `/api/v1/resolutions/${context.resolutionId}`;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reloadVotes = useCallback(async () => {
    const { votes: fresh } = await api<{ votes: VoteView[] }>('GET', `${base}/votes`);
    setVotes(fresh);
  }, [base]);
  const reloadReservations = useCallback(async () => {
    const { reservations: fresh } = await api<{ reservations: ReservationView[] }>('GET', `${base}/reservations`);
    setReservations(fresh);
  }, [base]);

  // What others did, said to screen readers: stage changes, opened votes, results.
  const [announcement, setAnnouncement] = useState('');
  const connected = useProcedureEvents(context.resolutionId, (e: ProcedureEvent) => {
    const said = announce(e, t, tv);
    if (said) setAnnouncement(said);
    if (e.type === 'ballot.cast') {
      const { voteId, tally, ballotsCast } = (e.data ?? {}) as {
        voteId?: string;
        tally?: VoteView['tally'];
        ballotsCast?: number;
      };
      setVotes((all) =>
        all.map((v) =>
          v.id === voteId ? { ...v, tally: tally ?? v.tally, ballotsCast: ballotsCast ?? v.ballotsCast } : v,
        ),
      );
      // Many ballots arrive together in a vote: one refetch after the burst is enough.
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => void reloadVotes().catch(() => {}), 400);
    } else if (e.type.startsWith('vote.')) {
      void reloadVotes().catch(() => {});
      // The chair, who opened or closed it, already had the outcome's own toast.
      if (e.type === 'vote.opened' && !context.may.openVote)
        toast(
          t('voteOpenToast'),
          'info',
          context.may.castOwn ? { label: t('goToBallot'), target: '#ballot-sheet' } : undefined,
        );
      if (e.type === 'vote.closed' && !context.may.closeVote)
        toast(outcomeSentence((e.data as { outcome?: string })?.outcome, t, tv), 'info');
    } else if (e.type.startsWith('reservation.')) {
      void reloadReservations().catch(() => {});
    } else if (e.type === 'resolution.adopted' || e.type === 'resolution.published' || e.type === 'stage.changed') {
      if (e.type === 'resolution.adopted' && !context.may.adopt) toast(t('adoptedToast'), 'info');
      router.refresh();
    }
  });

  const adopted = context.stage === 'adopted';
  return (
    <aside className="sidebar procedure-panel" aria-label={t('title')} data-testid="procedure-panel">
      <ReservationMarks reservations={reservations} />
      <p className="sr-only" role="status" aria-live="polite" data-testid="live-announcer">
        {announcement}
      </p>
      <h2>
        {t('title')}{' '}
        <span
          className={`live-dot ${connected ? 'on' : ''}`}
          role="img"
          title={connected ? t('live') : t('reconnecting')}
          aria-label={connected ? t('live') : t('reconnecting')}
        />
      </h2>
      {adopted && (
        <p className="procedure-adopted" data-testid="adopted-note">
          {context.published ? t('adoptedPublished') : t('adopted')}{' '}
          <Link href={`/resolutions/${context.resolutionId}/published`}>{t('publishedText')}</Link>
        </p>
      )}
      {context.may.adopt && context.stage === 'voting' && <AdoptionDialog context={context} />}
      <VotesSection context={context} votes={votes} onChanged={reloadVotes} />
      <BallotSheet votes={votes} context={context} onChanged={reloadVotes} />
      <ScreenControl context={context} votes={votes} />
      <ReservationsSection context={context} reservations={reservations} onChanged={reloadReservations} />
    </aside>
  );
}

type T = (key: string, values?: Record<string, string | number>) => string;

function outcomeSentence(outcome: string | undefined, t: T, tv: T): string {
  return outcome ? t('voteClosedWith', { outcome: tv(`outcome.${outcome}`) }) : t('voteClosed');
}

/** The sentence a screen reader hears for a procedural event, when it is news to the room. */
function announce(e: ProcedureEvent, t: T, tv: T): string | null {
  const data = (e.data ?? {}) as { to?: string; outcome?: string };
  if (e.type === 'stage.changed' && data.to) return t('movedTo', { stage: data.to });
  if (e.type === 'vote.opened') return t('voteOpen');
  if (e.type === 'vote.closed') return outcomeSentence(data.outcome, t, tv);
  if (e.type === 'resolution.adopted') return t('adoptedAnnounce');
  return null;
}
