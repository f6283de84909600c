import Link from 'next/link';
import { listVersions } from '@/usecases/reads/resolutions';
import { DomainError } from '@/lib/errors';
import { openResolutionPage } from '@/app/_lib/resolution-page';
import { formatDateTime } from '@/app/_lib/labels';
import { compareVersionsQuery } from '@/usecases/reads/version-comparison';
import { compareVersionRefs } from '@/usecases/reads/version-comparison';
import { Redline } from './Redline';

export const dynamic = 'force-dynamic';

const COUNT_WORDS = {
  changed: 'changed',
  inserted: 'new',
  deleted: 'deleted',
  moved: 'moved',
  unchanged: 'unchanged',
} as const;

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
    s.createdAt ? `${s.name} (${formatDateTime(s.createdAt)})` : s.name;

  return (
    <div className="compare-page">
      <p className="breadcrumbs">
        <Link href={`/resolutions/${resolution.id}`}>{resolution.title}</Link> › Compare versions
      </p>
      <h1>Compare versions</h1>
      <form className="inline-form compare-form" method="get">
        <label>
          From
          <select name="from" defaultValue={query.success ? query.data.from : undefined}>
            <option value="current">Current text</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          To
          <select name="to" defaultValue={query.success ? query.data.to : 'current'}>
            <option value="current">Current text</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Compare
        </button>
      </form>
      {!comparison ? (
        <div className="card error-card" role="alert">
          {query.success
            ? 'One of these versions does not exist for this resolution.'
            : 'Choose two versions to compare (a version, or the current text).'}
        </div>
      ) : (
        <>
          <p className="compare-summary" data-testid="compare-summary">
            From <strong>{side(comparison.from)}</strong> to <strong>{side(comparison.to)}</strong>:{' '}
            {(['changed', 'inserted', 'deleted', 'moved'] as const)
              .filter((k) => comparison.counts[k] > 0)
              .map((k) => `${comparison.counts[k]} ${COUNT_WORDS[k]}`)
              .join(', ') || 'no changes'}
            .
          </p>
          <p className="muted legend">
            <ins>inserted words</ins> · <del>deleted words</del> · numbers are those of the later text
          </p>
          <Redline paragraphs={comparison.paragraphs} />
        </>
      )}
    </div>
  );
}
