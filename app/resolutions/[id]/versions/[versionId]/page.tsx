import { openResolutionPage } from '@/app/_lib/resolution-page';
import Link from 'next/link';
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

  return (
    <div className="version-page">
      <p className="breadcrumbs">
        <Link href={`/resolutions/${resolution.id}`}>{resolution.title}</Link> › Versions ›
      </p>
      <h1>{version.name}</h1>
      <p className="muted">
        Saved {formatDateTime(version.createdAt)}
        {version.reason && version.reason !== 'manual' ? ` · kept automatically (${version.reason})` : ''} ·{' '}
        {paragraphs.length} paragraphs · read only
      </p>
      <p className="actions">
        <Link
          className="button secondary"
          href={`/resolutions/${resolution.id}/versions/compare?from=${version.id}&to=current`}
        >
          Compare with the current text
        </Link>
        <Link href={`/resolutions/${resolution.id}`}>Back to the live text</Link>
      </p>
      <ResolutionText
        enactingFormula={resolution.enactingFormula}
        paragraphs={paragraphs.map((p) => ({ id: p.id, kind: p.kind, label: p.label, text: p.text }))}
        testId="version-text"
      />
    </div>
  );
}
