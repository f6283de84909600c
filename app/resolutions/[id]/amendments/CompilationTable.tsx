'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { useProcedureEvents } from '@/app/_components/useProcedureEvents';
import { Redline } from './Redline';
import { conflictingAmendments } from '@/app/_lib/amendment-conflicts';
import { decidedHow, decidingVote } from '@/app/_lib/text-marks';
import { useDecisionWords } from '@/app/_components/decision-words';
import type { VoteView } from '../procedure/types';
import { useEffect } from 'react';
import type { AmendmentView, CompilationResponse, ParagraphOption } from './types';

interface Preview {
  paragraphs: { id: string; label: string; text: string }[];
  applied: { number: string | null }[];
  skipped: { id: string; number: string | null; reason: string }[];
}

/**
 * Every amendment in one table (number, paragraph, sponsors, redline, rationale, status,
 * place in the voting order), filtered by status, delegation and paragraph; ticked ones
 * can be previewed as adopted; the chair reorders the vote here.
 */
export function CompilationTable({
  resolutionId,
  initialAmendments,
  paragraphs,
  delegations,
  maySetOrder,
}: {
  resolutionId: string;
  initialAmendments: AmendmentView[];
  paragraphs: ParagraphOption[];
  delegations: { id: string; name: string }[];
  maySetOrder: boolean;
}) {
  const t = useTranslations('compilation');
  const ta = useTranslations('amendment');
  const words = useDecisionWords();
  const [amendments, setAmendments] = useState(initialAmendments);
  const [status, setStatus] = useState('');
  const [delegation, setDelegation] = useState('');
  const [paragraph, setParagraph] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const { run, busy } = useApiAction();
  const base = `/api/v1/resolutions/${resolutionId}/amendments`;

  const [votes, setVotes] = useState<VoteView[]>([]);
  const loadVotes = useCallback(
    async () => setVotes((await api<{ votes: VoteView[] }>('GET', `/api/v1/resolutions/${resolutionId}/votes`)).votes),
    [resolutionId],
  );
  useEffect(() => void loadVotes().catch(() => {}), [loadVotes]);
  const reload = useCallback(
    async () => setAmendments((await api<CompilationResponse>('GET', base)).amendments),
    [base],
  );
  useProcedureEvents(resolutionId, (e) => {
    if (e.type.startsWith('amendment.')) void reload().catch(() => {});
    if (e.type === 'vote.closed') void loadVotes().catch(() => {});
  });
  // Said before any decision: which amendments compete for the same words.
  const conflicts = useMemo(() => conflictingAmendments(amendments), [amendments]);

  const rows = useMemo(
    () =>
      amendments
        .filter((a) => !status || a.status === status)
        .filter((a) => !delegation || a.sponsor.id === delegation || a.coSponsors.some((c) => c.id === delegation))
        .filter((a) => !paragraph || a.paragraphId === paragraph)
        .sort(
          (x, y) =>
            (x.voting?.position ?? 1e6) - (y.voting?.position ?? 1e6) ||
            (x.number ?? '').localeCompare(y.number ?? '', 'en', { numeric: true }),
        ),
    [amendments, status, delegation, paragraph],
  );
  const ordered = amendments.filter((a) => a.voting).sort((x, y) => x.voting!.position - y.voting!.position);

  const showPreview = () =>
    run(async () => setPreview(await api<Preview>('GET', `${base}/preview?ids=${chosen.join(',')}`)), {
      failure: t('previewFailed'),
    });
  async function move(id: string, by: number) {
    const ids = ordered.map((a) => a.id);
    const at = ids.indexOf(id);
    const to = at + by;
    if (to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to], ids[at]];
    await run(() => api('PUT', `${base}/voting-order`, { order: ids }), {
      success: t('orderChanged'),
      failure: t('orderFailed'),
      refresh: reload,
    });
  }

  return (
    <>
      <search className="compilation-filters row">
        <label>
          {t('status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="filter-status">
            <option value="">{t('all')}</option>
            {['draft', 'tabled', 'adopted', 'rejected', 'fallen', 'withdrawn', 'inadmissible'].map((s) => (
              <option key={s} value={s}>
                {ta(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('delegation')}{' '}
          <select value={delegation} onChange={(e) => setDelegation(e.target.value)} data-testid="filter-delegation">
            <option value="">{t('all')}</option>
            {delegations.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('paragraph')}{' '}
          <select value={paragraph} onChange={(e) => setParagraph(e.target.value)} data-testid="filter-paragraph">
            <option value="">{t('all')}</option>
            {paragraphs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="secondary"
          disabled={busy || chosen.length === 0}
          onClick={showPreview}
          data-testid="preview-button"
        >
          {t('preview', { count: chosen.length })}
        </button>
      </search>
      <table className="table compilation" data-testid="compilation-table">
        <thead>
          <tr>
            <th aria-label={t('chooseForPreview')} />
            <th>{t('number')}</th>
            <th>{t('paragraph')}</th>
            <th>{t('sponsor')}</th>
            <th>{t('amendment')}</th>
            <th>{t('status')}</th>
            <th>{t('vote')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-testid="compilation-row" data-number={a.number ?? ''}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('previewOne', { number: a.number ?? t('draft') })}
                  checked={chosen.includes(a.id)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((x) => x !== a.id)))}
                />
              </td>
              <td>
                <strong>{a.number ?? t('draft')}</strong>
              </td>
              <td>{a.parentNumber ? t('sub', { number: a.parentNumber }) : (a.paragraphLabel ?? t('deleted'))}</td>
              <td>
                {a.sponsor.name}
                {a.coSponsors.length > 0 && (
                  <div className="muted small">{t('with', { names: a.coSponsors.map((c) => c.name).join(', ') })}</div>
                )}
              </td>
              <td>
                <Redline segments={a.redline.segments} />
                {a.rationale && <div className="muted small">{a.rationale}</div>}
              </td>
              <td>
                <span className={`badge status-${a.status}`}>{ta(`status.${a.status}`)}</span>
                {a.stale && <span className="badge stale">{a.conflict ? ta('needsRewriting') : t('stale')}</span>}
                {a.statusReason && <div className="muted small">{a.statusReason}</div>}
                {decidingVote(a, votes) && (
                  <div className="small" data-testid="compilation-tally">
                    {decidedHow(a, votes, words)}
                  </div>
                )}
                {conflicts.has(a.id) && (
                  <div className="small compilation-conflict" data-testid="compilation-conflict">
                    ⚠ {words.conflict(a.number ?? t('draft'), conflicts.get(a.id)!)}
                  </div>
                )}
              </td>
              <td>
                {a.voting ? (
                  <>
                    <strong>{a.voting.position}</strong>
                    <div className="muted small">{a.voting.reason}</div>
                    {maySetOrder && (
                      <span className="order-buttons">
                        <button
                          type="button"
                          className="link-button"
                          disabled={busy}
                          aria-label={t('earlier', { number: a.number ?? '' })}
                          onClick={() => move(a.id, -1)}
                        >
                          ↑
                        </button>{' '}
                        <button
                          type="button"
                          className="link-button"
                          disabled={busy}
                          aria-label={t('later', { number: a.number ?? '' })}
                          onClick={() => move(a.id, 1)}
                        >
                          ↓
                        </button>
                      </span>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview && (
        <section className="card amended-preview" data-testid="amended-preview" aria-label={t('previewLabel')}>
          <h2>
            {t('asAmendedBy', {
              numbers: preview.applied.map((a) => a.number ?? t('draft')).join(', ') || t('nothing'),
            })}
          </h2>
          {preview.skipped.map((s) => (
            <p key={s.id} className="warnings small">
              {t('wouldNotApply', { number: s.number ?? t('aDraft'), reason: s.reason })}
            </p>
          ))}
          <div className="preview-paragraphs">
            {preview.paragraphs.map((p) => (
              <p key={p.id}>
                <span className="num">{p.label}</span> {p.text}
              </p>
            ))}
          </div>
        </section>
      )}
    </>
  );
}
