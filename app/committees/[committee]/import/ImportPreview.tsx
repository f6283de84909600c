'use client';
import { keyedByContent } from '@/app/_lib/keyed';

export interface PreviewParagraph {
  id: string;
  kind: string;
  label: string;
  text: string;
}
export interface Preview {
  text: string;
  title: string | null;
  symbol: string | null;
  heading: string | null;
  adoption: {
    method: string;
    body: string;
    place?: string;
    date?: string;
    votes?: { yes: number; no: number; abstain: number };
  } | null;
  enactingFormula: string | null;
  paragraphs: PreviewParagraph[];
  counts: { preambular: number; operative: number; subparagraph: number; footnotes: number; statements: number };
  trailer: string[];
  footnotes: { marker: string; text: string; statements: number }[];
  reservations: { delegation: string; kind: string; place: string; targetLabel: string | null; footnote: string }[];
  missingDelegations: string[];
  warnings: { line: number; message: string }[];
}

const METHODS: Record<string, string> = {
  consensus: 'by consensus',
  without_vote: 'without a vote',
  vote: 'by a vote',
  recorded_vote: 'by a recorded vote',
};
const KINDS: Record<string, string> = {
  reservation: 'Reservation',
  dissociation: 'Dissociation',
  interpretative_statement: 'Interpretative statement',
};

/** What the import would record, before anything is saved; every guess listed as a warning. */
export function ImportPreview({ preview }: { preview: Preview }) {
  const a = preview.adoption;
  return (
    <>
      <dl className="preview-facts" data-testid="import-facts">
        <dt>Title</dt>
        <dd>{preview.title ?? <em>none in the text: give one above</em>}</dd>
        {preview.symbol && (
          <>
            <dt>Symbol</dt>
            <dd>{preview.symbol}</dd>
          </>
        )}
        <dt>Enacting formula</dt>
        <dd>{preview.enactingFormula ?? <em>none</em>}</dd>
        <dt>Paragraphs</dt>
        <dd data-testid="import-counts">
          <strong>{preview.counts.preambular}</strong> preambular paragraphs,{' '}
          <strong>{preview.counts.operative}</strong> operative paragraphs
          {preview.counts.subparagraph ? `, ${preview.counts.subparagraph} sub-paragraphs` : ''}.
        </dd>
        <dt>Adoption</dt>
        <dd data-testid="import-adoption">
          {a ? (
            <>
              Adopted {METHODS[a.method] ?? a.method}
              {a.votes ? ` (${a.votes.yes} in favour, ${a.votes.no} against, ${a.votes.abstain} abstentions)` : ''}
              {a.body ? ` by the ${a.body}` : ''}
              {a.place ? `, ${a.place}` : ''}
              {a.date ? `, ${a.date}` : ''}
            </>
          ) : (
            <em>none stated: a draft</em>
          )}
        </dd>
      </dl>
      {preview.heading && <p className="muted">Heading as printed: {preview.heading}</p>}
      {preview.warnings.length > 0 && (
        <ul className="warnings" data-testid="import-warnings">
          {keyedByContent(preview.warnings, (w) => `${w.line}:${w.message}`).map(({ key, item: w }) => (
            <li key={key}>
              Line {w.line}: {w.message}
            </li>
          ))}
        </ul>
      )}
      {preview.enactingFormula && <p className="formula">{preview.enactingFormula}</p>}
      <ol className="preview-paragraphs">
        {preview.paragraphs.map((p) => (
          <li key={p.id} className={`para-${p.kind}`}>
            <span className="num">{p.label}</span> {p.text}
          </li>
        ))}
      </ol>
      {keyedByContent(preview.trailer, (t) => t).map(({ key, item }) => (
        <p key={key} className="muted">
          {item}
        </p>
      ))}
      {preview.footnotes.length > 0 && (
        <section aria-label="Footnotes" data-testid="import-footnotes">
          {keyedByContent(preview.footnotes, (f) => `${f.marker}:${f.text}`).map(({ key, item: f }) => (
            <p key={key} className="footnote">
              {f.marker} {f.text}
            </p>
          ))}
          <ul className="statements">
            {keyedByContent(preview.reservations, (r) => `${r.footnote}:${r.delegation}:${r.kind}:${r.place}`).map(
              ({ key, item: r }) => (
                <li key={key}>
                  {KINDS[r.kind] ?? r.kind} of {r.delegation} on {r.place}
                  {r.targetLabel ? ` (${r.targetLabel})` : ''}, footnote {r.footnote}
                </li>
              ),
            )}
          </ul>
        </section>
      )}
    </>
  );
}
