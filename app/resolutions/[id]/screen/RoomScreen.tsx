'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { api } from '@/app/_components/api';
import { useProcedureEvents } from '@/app/_components/useProcedureEvents';
import { laterScreen, type ScreenState } from '@/lib/screen/content';
import { asAmended } from '@/app/_lib/redline';
import { Redline } from '../amendments/Redline';
import { TallyChart } from '../procedure/TallyChart';
import { subjectLabel, useResultWords } from '../procedure/vote-words';
import type { ScreenData } from './types';

/**
 * The projector's view. It follows the "screen.changed" events (which carry the whole
 * state, so a screen on any process follows at once) and refetches the text, amendments
 * and votes when they change, so a tally moves as ballots arrive.
 */
export function RoomScreen({
  resolutionId,
  title,
  enactingFormula,
  adopted,
  initialScreen,
  initialData,
}: {
  resolutionId: string;
  title: string;
  enactingFormula: string;
  adopted: boolean;
  initialScreen: ScreenState;
  initialData: ScreenData;
}) {
  const t = useTranslations('screen');
  const [screen, setScreen] = useState(initialScreen);
  const [data, setData] = useState(initialData);
  const base = `/api/v1/resolutions/${resolutionId}`;

  const reload = useCallback(async () => {
    const [text, compiled, votes] = await Promise.all([
      api<{ paragraphs: ScreenData['paragraphs'] }>('GET', `${base}/text`),
      api<{ amendments: ScreenData['amendments'] }>('GET', `${base}/amendments`),
      api<{ votes: ScreenData['votes'] }>('GET', `${base}/votes`),
    ]);
    setData({ paragraphs: text.paragraphs, amendments: compiled.amendments, votes: votes.votes });
  }, [base]);

  const connected = useProcedureEvents(resolutionId, (e) => {
    if (e.type === 'screen.changed') {
      const next = (e.data as { screen?: ScreenState } | undefined)?.screen;
      if (next?.content) setScreen((s) => laterScreen(s, next));
      return;
    }
    if (e.type === 'ballot.cast') {
      const { voteId, tally, ballotsCast } = (e.data ?? {}) as {
        voteId?: string;
        tally?: ScreenData['votes'][number]['tally'];
        ballotsCast?: number;
      };
      setData((d) => ({
        ...d,
        votes: d.votes.map((v) =>
          v.id === voteId ? { ...v, tally: tally ?? v.tally, ballotsCast: ballotsCast ?? v.ballotsCast } : v,
        ),
      }));
      return;
    }
    void reload().catch(() => {});
  });

  return (
    <div className="room-screen" data-testid="room-screen" data-kind={screen.content.kind}>
      <header className="room-head">
        <span className="room-title">{title}</span>
        <span
          className={`live-dot ${connected ? 'on' : ''}`}
          role="img"
          aria-label={connected ? t('live') : t('reconnecting')}
        />
      </header>
      <section className="room-body" aria-live="polite" data-testid="room-body">
        <ScreenContentView screen={screen} data={data} enactingFormula={enactingFormula} adopted={adopted} />
      </section>
    </div>
  );
}

function ScreenContentView({
  screen,
  data,
  enactingFormula,
  adopted,
}: {
  screen: ScreenState;
  data: ScreenData;
  enactingFormula: string;
  adopted: boolean;
}) {
  const t = useTranslations('screen');
  const tv = useTranslations('votes');
  const tm = useTranslations('marks');
  const resultWords = useResultWords();
  const c = screen.content;
  if (c.kind === 'paragraph') {
    const p = data.paragraphs.find((x) => x.id === c.paragraphId);
    if (!p) return <p className="room-note">{t('paragraphGone')}</p>;
    return (
      <article data-testid="room-paragraph">
        <h1 className="room-label">{p.label}</h1>
        <p className="room-text">{p.text}</p>
      </article>
    );
  }
  if (c.kind === 'amendment') {
    const a = data.amendments.find((x) => x.id === c.amendmentId);
    if (!a) return <p className="room-note">{t('amendmentNotPublic')}</p>;
    return (
      <article data-testid="room-amendment">
        <h1 className="room-label">
          {t('amendment', { number: a.number ?? t('draft') })} ·{' '}
          {a.parentNumber ? t('toAmendment', { number: a.parentNumber }) : (a.paragraphLabel ?? '')}
        </h1>
        <p className="room-meta">
          {a.sponsor.name}
          {a.coSponsors.length > 0 && tm('withCoSponsors', { names: a.coSponsors.map((s) => s.name).join(', ') })} ·{' '}
          {tm.has(`status.${a.status}`) ? tm(`status.${a.status}`) : a.status}
        </p>
        <p className="room-text room-redline">
          <Redline segments={a.redline.segments} testId="room-redline" />
        </p>
        <h2 className="room-sub">{t('asItWouldRead')}</h2>
        <p className="room-text" data-testid="room-as-amended">
          {a.kind === 'delete' ? t('deleted') : asAmended(a.redline.segments)}
        </p>
      </article>
    );
  }
  if (c.kind === 'voting-order') {
    const ordered = data.amendments
      .filter((a) => a.voting && a.status === 'tabled')
      .sort((x, y) => x.voting!.position - y.voting!.position);
    return (
      <article data-testid="room-voting-order">
        <h1 className="room-label">{t('votingOrder')}</h1>
        {ordered.length === 0 ? (
          <p className="room-note">{t('noneAwaits')}</p>
        ) : (
          <ol className="room-order">
            {ordered.map((a) => (
              <li key={a.id}>
                <strong>{a.number}</strong> ({a.paragraphLabel ?? t('deletedParagraph')}, {a.sponsor.name}) —{' '}
                <span className="room-reason">{a.voting!.reason}</span>
              </li>
            ))}
          </ol>
        )}
      </article>
    );
  }
  if (c.kind === 'vote') {
    const v = data.votes.find((x) => x.id === c.voteId);
    if (!v) return <p className="room-note">{t('voteUnknown')}</p>;
    const subject = subjectLabel(
      v,
      { paragraphs: data.paragraphs.map((p) => ({ id: p.id, label: p.label, excerpt: '' })) },
      tv,
    );
    const open = v.status === 'open';
    const totals = open ? v.tally : v.result?.totals;
    return (
      <article data-testid="room-vote" data-status={v.status}>
        <h1 className="room-label">{t('voteOn', { subject })}</h1>
        <p className="room-meta">
          {tv(`method.${v.method}`)} · {tv(`majority.${v.majority}`)} ·{' '}
          {open ? tv('ballotsCast', { cast: v.ballotsCast, eligible: v.eligible }) : t('closed')}
        </p>
        {totals ? (
          <div className="room-chart">
            <TallyChart
              tally={totals}
              scale={open ? v.eligible : totals.yes + totals.no + totals.abstain}
              required={open ? undefined : v.result?.required}
            />
          </div>
        ) : (
          <p className="room-note" data-testid="room-secret">
            {t('secret')}
          </p>
        )}
        {!open && v.result && (
          <p className={`room-outcome outcome-${v.result.outcome}`} data-testid="room-outcome">
            {resultWords(v.result)}
          </p>
        )}
        {/* Names only for recorded votes once closed; never for secret ballots. */}
        {!open && v.method !== 'secret' && v.result?.byChoice && (
          <dl className="room-by-choice">
            {(['yes', 'no', 'abstain'] as const).map((k) => (
              <div key={k}>
                <dt>{tv(`choice.${k}`)}</dt>
                <dd>{v.result!.byChoice![k].join(', ') || '—'}</dd>
              </div>
            ))}
          </dl>
        )}
      </article>
    );
  }
  if (c.kind === 'adopted-text') {
    return (
      <article data-testid="room-adopted">
        <h1 className="room-label">{adopted ? t('textAdopted') : t('text')}</h1>
        {enactingFormula && <p className="room-formula">{enactingFormula}</p>}
        <div className="room-fulltext">
          {data.paragraphs.map((p) => (
            <p key={p.id} className={`room-para room-para-${p.kind}`}>
              <span className="room-num">{p.label}</span> {p.text}
            </p>
          ))}
        </div>
      </article>
    );
  }
  return (
    <p className="room-note" data-testid="room-blank">
      {t('blank')}
    </p>
  );
}
