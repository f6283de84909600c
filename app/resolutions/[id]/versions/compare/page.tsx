import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { listVersions } from '@/usecases/reads/resolutions';
import { DomainError } from '@/lib/errors';
import { openResolutionPage } from '@/app/_lib/resolution-page';
import { formatDateTime } from '@/app/_lib/labels';
import { compareVersionsQuery } from '@/usecases/reads/version-comparison';
import { compareVersionRefs } from '@/usecases/reads/version-comparison';
import { Redline } from './Redline';

export const dynamic = 'force-dynamic';

export default async function CompareVersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const search = await searchParams;
  const { db, resolution } = await openResolutionPage(id, `/resolutions/${id}/versions/compare`);
  const versions = await listVersions(db, resolution.id);
  const t = await getTranslations('compare');
  const locale = await getLocale();

  // No choice yet: the latest saved version against the current text.
  const query = compareVersionsQuery.safeParse({
    from: search.from ?? versions[versions.length - 1]?.id,
    to: search.to ?? 'current',
  });
  const comparison = query.success
    ? await compareVersionRefs(db, resolution.id, query.data.from, query.data.to).catch((e) =>
        e instanceof DomainError && e.kind === 'not_found' ? null : Promise.reject(e),
      )
    : null;
  const side = (s: { name: string; createdAt: Date | null }) =>
    s.createdAt ? `${s.name} (${formatDateTime(s.createdAt, locale)})` : s.name;

  return (
    <div className="compare-page">
      <p className="breadcrumbs">
        <Link href={`/resolutions/${resolution.id}`}>{resolution.title}</Link> › {t('title')}
      </p>
      <h1>{t('title')}</h1>
      <form className="inline-form compare-form" method="get">
        <label>
          {t('from')}
          <select name="from" defaultValue={query.success ? query.data.from : undefined}>
            <option value="current">{t('current')}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('to')}
          <select name="to" defaultValue={query.success ? query.data.to : 'current'}>
            <option value="current">{t('current')}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('compare')}
        </button>
      </form>
      {!comparison ? (
        <div className="card error-card" role="alert">
          {query.success ? t('unknown') : t('choose')}
        </div>
      ) : (
        <>
          <p className="compare-summary" data-testid="compare-summary">
            {t.rich('summary', {
              from: side(comparison.from),
              to: side(comparison.to),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}{' '}
            {(['changed', 'inserted', 'deleted', 'moved'] as const)
              .filter((k) => comparison.counts[k] > 0)
              .map((k) => t(`count.${k}`, { count: comparison.counts[k] }))
              .join(', ') || t('noChanges')}
            .
          </p>
          <p className="muted legend">
            <ins>{t('legendInserted')}</ins> · <del>{t('legendDeleted')}</del> · {t('legendNumbers')}
          </p>
          <Redline paragraphs={comparison.paragraphs} />
        </>
      )}
    </div>
  );
}
