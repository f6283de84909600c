'use client';
import { useFormatter, useTranslations } from 'next-intl';

/**
 * The tally as horizontal bars (inline SVG: no chart library, prints and scales cleanly).
 * Bars are measured against the delegations entitled to vote, so the chart also shows how
 * many have yet to vote; `required` draws the majority line when the result is known.
 */
const ROWS = [
  { key: 'yes', className: 'bar-yes' },
  { key: 'no', className: 'bar-no' },
  { key: 'abstain', className: 'bar-abstain' },
] as const;

export function TallyChart({
  tally,
  scale,
  required,
}: {
  tally: { yes: number; no: number; abstain: number };
  scale: number;
  required?: number;
}) {
  const t = useTranslations('votes');
  const format = useFormatter();
  const max = Math.max(scale, tally.yes + tally.no + tally.abstain, 1);
  // About one unit per CSS pixel in the side panel, so the labels read at their font size.
  const W = 240;
  const rowH = 28;
  // Room for the longest label in the reader's language ("Abstention" is longer than "Abstain").
  const labelW = Math.max(74, ...ROWS.map((r) => t(`choice.${r.key}`).length * 8.5 + 16));
  const barW = W - labelW - 36;
  const summary = t('tallySummary', { ...tally });
  return (
    <svg
      className="tally-chart"
      viewBox={`0 0 ${W} ${rowH * ROWS.length}`}
      role="img"
      aria-label={summary}
      data-testid="tally-chart"
    >
      <title>{summary}</title>
      {ROWS.map((r, i) => {
        const w = (tally[r.key] / max) * barW;
        return (
          <g key={r.key} transform={`translate(0 ${i * rowH})`} data-choice={r.key} data-count={tally[r.key]}>
            <text x={0} y={rowH / 2 + 5} className="tally-label">
              {t(`choice.${r.key}`)}
            </text>
            <rect x={labelW} y={4} width={barW} height={rowH - 8} className="bar-track" rx={3} />
            <rect
              x={labelW}
              y={4}
              width={w}
              height={rowH - 8}
              className={r.className}
              rx={3}
              style={{ transition: 'width 300ms ease' }}
            />
            <text x={W} y={rowH / 2 + 5} className="tally-count" textAnchor="end">
              {format.number(tally[r.key])}
            </text>
          </g>
        );
      })}
      {required !== undefined && required <= max && (
        <line
          x1={labelW + (required / max) * barW}
          x2={labelW + (required / max) * barW}
          y1={0}
          y2={rowH}
          className="tally-required"
        />
      )}
    </svg>
  );
}
