import { openResolutionPage } from '@/app/_lib/resolution-page';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getVersion } from '@/usecases/reads/resolutions';
import { DomainError } from '@/lib/errors';
import { decodeParagraphs } from '@/lib/text/ydoc';
import { numberParagraphs } from '@/lib/resolution/numbering';
import { formatDateTime } from '@/app/_lib/labels';
import { ResolutionText } from '../../ResolutionText';

export const dynamic = 'force-dynamic';

const orNull = (e: unknown) => (e instanceof DomainError && e.kind === 'not_found' ? null : Promise.reject(e));

/** One saved version, read only, with a way to see what changed since. */
export default async function VersionPage({ params }: { params: Promise<{ id: string; versionId: string }> }) {
  const { id, versionId } = await params;
  const { db, resolution } = await openResolutionPage(id, `/resolutions/${id}/versions/${versionId}`);
  if (!z.uuid().safeParse(versionId).success) notFound();
  const version = await getVersion(db, resolution.id, versionId).catch(orNull);
  if (!version) notFound();
  const paragraphs = numberParagraphs(decodeParagraphs(version.state));
  const t = await getTranslations('version');
  const locale = await getLocale();

  return (
    <div className="version-page">
      <p className="breadcrumbs">
        <Link href={`/resolutions/${resolution.id}`}>{resolution.title}</Link> › {t('versions')} ›
      </p>
      <h1>{version.name}</h1>
      <p className="muted">
        {t('saved', { date: formatDateTime(version.createdAt, locale) })}
        {version.reason && version.reason !== 'manual' ? ` · ${t('automatic', { reason: version.reason })}` : ''} ·{' '}
        {t('paragraphs', { count: paragraphs.length })} · {t('readOnly')}
      </p>
      <p className="actions">
        <Link
          className="button secondary"
          href={`/resolutions/${resolution.id}/versions/compare?from=${version.id}&to=current`}
        >
          {t('compare')}
        </Link>
        <Link href={`/resolutions/${resolution.id}`}>{t('back')}</Link>
      </p>
      <ResolutionText
        enactingFormula={resolution.enactingFormula}
        paragraphs={paragraphs.map((p) => ({ id: p.id, kind: p.kind, label: p.label, text: p.text }))}
        testId="version-text"
      />
    </div>
  );
}
