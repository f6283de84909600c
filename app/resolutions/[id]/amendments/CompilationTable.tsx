'use client';
import { useCallback, useMemo, useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { useProcedureEvents } from '@/app/_components/useProcedureEvents';
import { Redline } from './Redline';
import { conflictingAmendments, conflictSentence } from '@/app/_lib/amendment-conflicts';
import { decidedHow } from '@/app/_lib/text-marks';
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
      failure: 'Could not preview',
    });
  async function move(id: string, by: number) {
    const ids = ordered.map((a) => a.id);
    const at = ids.indexOf(id);
    const to = at + by;
    if (to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to], ids[at]];
    await run(() => api('PUT', `${base}/voting-order`, { order: ids }), {
      success: 'Voting order changed (recorded)',
      failure: 'Could not change the order',
      refresh: reload,
    });
  }

  return (
    <>
      <search className="compilation-filters row">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="filter-status">
            <option value="">all</option>
            {['draft', 'tabled', 'adopted', 'rejected', 'fallen', 'withdrawn', 'inadmissible'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Delegation{' '}
          <select value={delegation} onChange={(e) => setDelegation(e.target.value)} data-testid="filter-delegation">
            <option value="">all</option>
            {delegations.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Paragraph{' '}
          <select value={paragraph} onChange={(e) => setParagraph(e.target.value)} data-testid="filter-paragraph">
            <option value="">all</option>
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
          Preview as amended ({chosen.length})
        </button>
      </search>
      <table className="table compilation" data-testid="compilation-table">
        <thead>
          <tr>
            <th aria-label="Choose for preview" />
            <th>No.</th>
            <th>Paragraph</th>
            <th>Sponsor</th>
            <th>Amendment</th>
            <th>Status</th>
            <th>Vote</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-testid="compilation-row" data-number={a.number ?? ''}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Preview ${a.number ?? 'draft'}`}
                  checked={chosen.includes(a.id)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((x) => x !== a.id)))}
                />
              </td>
              <td>
                <strong>{a.number ?? 'draft'}</strong>
              </td>
              <td>{a.parentNumber ? `${a.parentNumber} (sub)` : (a.paragraphLabel ?? 'deleted')}</td>
              <td>
                {a.sponsor.name}
                {a.coSponsors.length > 0 && (
                  <div className="muted small">with {a.coSponsors.map((c) => c.name).join(', ')}</div>
                )}
              </td>
              <td>
                <Redline segments={a.redline.segments} />
                {a.rationale && <div className="muted small">{a.rationale}</div>}
              </td>
              <td>
                <span className={`badge status-${a.status}`}>{a.status}</span>
                {a.stale && <span className="badge stale">{a.conflict ? 'needs rewriting' : 'stale'}</span>}
                {a.statusReason && <div className="muted small">{a.statusReason}</div>}
                {decidedHow(a, votes)?.startsWith('by vote') && (
                  <div className="small" data-testid="compilation-tally">
                    {decidedHow(a, votes)}
                  </div>
                )}
                {conflicts.has(a.id) && (
                  <div className="small compilation-conflict" data-testid="compilation-conflict">
                    ⚠ {conflictSentence(a.number ?? 'draft', conflicts.get(a.id)!)}
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
                          aria-label={`Move ${a.number} earlier`}
                          onClick={() => move(a.id, -1)}
                        >
                          ↑
                        </button>{' '}
                        <button
                          type="button"
                          className="link-button"
                          disabled={busy}
                          aria-label={`Move ${a.number} later`}
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
        <section className="card amended-preview" data-testid="amended-preview" aria-label="Preview as amended">
          <h2>As amended by {preview.applied.map((a) => a.number ?? 'draft').join(', ') || 'nothing'}</h2>
          {preview.skipped.map((s) => (
            <p key={s.id} className="warnings small">
              {s.number ?? 'A draft'} would not apply: {s.reason}
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
