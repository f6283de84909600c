import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { publishedDocumentOf } from '@/usecases/reads/resolutions';
import { formatDate } from '@/app/_lib/dates';
import type { StoredAdoption } from '@/usecases/reads/resolutions';
import { can } from '@/lib/permissions';
import { DomainError } from '@/lib/errors';
import type { PublishedDocument } from '@/lib/publication/types';
import { pdfRefusal } from '@/lib/publication/pdf';
import { openResolutionPage } from '@/app/_lib/resolution-page';
import { keyedByContent } from '@/app/_lib/keyed';
import { PublishButton } from '../procedure/PublishButton';

export const dynamic = 'force-dynamic';

const EXPORTS = ['text', 'html', 'pdf', 'docx', 'akn'] as const;

/** The published text, laid out as printed: heading, formula, paragraphs, reservation footnotes. */
export default async function PublishedPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, resolution, access } = await openResolutionPage(id, `/resolutions/${id}/published`);
  const t = await getTranslations('published');
  const tr = await getTranslations('stages');
  const locale = await getLocale();
  const back = <Link href={`/resolutions/${resolution.id}`}>← {resolution.title}</Link>;
  if (resolution.stage !== 'adopted') {
    return (
      <div className="published-page">
        <p className="breadcrumbs">{back}</p>
        <p role="status">{t('notAdopted', { stage: tr(resolution.stage) })}</p>
      </div>
    );
  }
  let doc: PublishedDocument;
  try {
    doc = await publishedDocumentOf(db, resolution);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return (
      <div className="published-page">
        <p className="breadcrumbs">{back}</p>
        <p role="alert">{t('cannotCompose', { reason: e.message })}</p>
      </div>
    );
  }
  const adoption = resolution.adoption as StoredAdoption;
  // A script the PDF's fonts lack: say so here, and offer DOCX and HTML, rather than a broken link.
  const noPdf = pdfRefusal(doc);
  return (
    <div className="published-page">
      <p className="breadcrumbs">{back}</p>
      <div className="published-toolbar">
        <span className="muted">
          {adoption.publishedAt
            ? t('publishedOn', { date: formatDate(adoption.publishedAt, locale) })
            : t('notYetPublished')}
        </span>
        <nav aria-label={t('exports')} className="exports">
          {EXPORTS.filter((format) => !(format === 'pdf' && noPdf)).map((format) => (
            <a
              key={format}
              href={`/api/v1/resolutions/${resolution.id}/export?format=${format}`}
              data-testid={`export-${format}`}
            >
              {t(`export.${format}`)}
            </a>
          ))}
        </nav>
        {noPdf && (
          <p className="muted" role="note" data-testid="export-pdf-refusal">
            {t('noPdf', { reason: noPdf })}
          </p>
        )}
        {!adoption.publishedAt && can(access.actor, 'resolution:publish', { stage: 'adopted' }) && (
          <PublishButton resolutionId={resolution.id} />
        )}
      </div>
      <article className="published-text" data-testid="published-text" lang="en">
        <header className="published-heading" data-testid="published-heading">
          {keyedByContent(doc.headingLines, (line) => line).map(({ key, item: line }) => (
            <p key={key}>{line}</p>
          ))}
        </header>
        {doc.enactingFormula && <p className="formula">{doc.enactingFormula}</p>}
        {keyedByContent(doc.preambular, (text) => text).map(({ key, item: text }) => (
          <p key={key} className="pub-preambular">
            {text}
          </p>
        ))}
        {doc.operative.map((op) => (
          <div key={op.number} className="pub-operative" id={`para_${op.number}`}>
            <p>
              <span className="pub-num">{op.number}.</span> {op.text}
            </p>
            {op.subparagraphs.map((sub) => (
              <div key={sub.letter}>
                <p className="pub-sub">
                  <span className="pub-num">{sub.label}</span> {sub.text}
                </p>
                {sub.items.map((item) => (
                  <p key={item.numeral} className="pub-sub pub-item">
                    <span className="pub-num">{item.label}</span> {item.text}
                  </p>
                ))}
              </div>
            ))}
          </div>
        ))}
        {keyedByContent(doc.trailer, (block) => block).map(({ key, item: block }) => (
          <p key={key} className="pub-closing">
            {block}
          </p>
        ))}
        {doc.footnotes.length > 0 && (
          <footer className="pub-footnotes" data-testid="published-footnotes">
            {doc.footnotes.map((f) => (
              <p key={f}>{f}</p>
            ))}
          </footer>
        )}
      </article>
    </div>
  );
}
