'use client';
import { useTranslations } from 'next-intl';
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

const METHODS = ['consensus', 'without_vote', 'vote', 'recorded_vote'];
const KINDS = ['reservation', 'dissociation', 'interpretative_statement'];

/** What the import would record, before anything is saved; every guess listed as a warning. */
export function ImportPreview({ preview }: { preview: Preview }) {
  const t = useTranslations('importPreview');
  const tr = useTranslations('reservations');
  const a = preview.adoption;
  return (
    <>
      <dl className="preview-facts" data-testid="import-facts">
        <dt>{t('title')}</dt>
        <dd>{preview.title ?? <em>{t('noTitle')}</em>}</dd>
        {preview.symbol && (
          <>
            <dt>{t('symbol')}</dt>
            <dd>{preview.symbol}</dd>
          </>
        )}
        <dt>{t('formula')}</dt>
        <dd>{preview.enactingFormula ?? <em>{t('none')}</em>}</dd>
        <dt>{t('paragraphs')}</dt>
        <dd data-testid="import-counts">
          {t.rich('counts', { ...preview.counts, strong: (chunks) => <strong>{chunks}</strong> })}
        </dd>
        <dt>{t('adoption')}</dt>
        <dd data-testid="import-adoption">
          {a ? (
            <>
              {t('adopted', { method: METHODS.includes(a.method) ? t(`method.${a.method}`) : a.method })}
              {a.votes ? ` ${t('votes', { ...a.votes })}` : ''}
              {a.body ? ` ${t('byBody', { body: a.body })}` : ''}
              {a.place ? `, ${a.place}` : ''}
              {a.date ? `, ${a.date}` : ''}
            </>
          ) : (
            <em>{t('noAdoption')}</em>
          )}
        </dd>
      </dl>
      {preview.heading && <p className="muted">{t('heading', { heading: preview.heading })}</p>}
      {preview.warnings.length > 0 && (
        <ul className="warnings" data-testid="import-warnings">
          {keyedByContent(preview.warnings, (w) => `${w.line}:${w.message}`).map(({ key, item: w }) => (
            <li key={key}>{t('line', { line: w.line, message: w.message })}</li>
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
        <section aria-label={t('footnotes')} data-testid="import-footnotes">
          {keyedByContent(preview.footnotes, (f) => `${f.marker}:${f.text}`).map(({ key, item: f }) => (
            <p key={key} className="footnote">
              {f.marker} {f.text}
            </p>
          ))}
          <ul className="statements">
            {keyedByContent(preview.reservations, (r) => `${r.footnote}:${r.delegation}:${r.kind}:${r.place}`).map(
              ({ key, item: r }) => (
                <li key={key}>
                  {t('statement', {
                    kind: KINDS.includes(r.kind) ? tr(`kind.${r.kind}`) : r.kind,
                    delegation: r.delegation,
                    place: r.place,
                    target: r.targetLabel ? ` (${r.targetLabel})` : '',
                    footnote: r.footnote,
                  })}
                </li>
              ),
            )}
          </ul>
        </section>
      )}
    </>
  );
}
