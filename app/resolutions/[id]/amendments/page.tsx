import Link from 'next/link';
import { notFound } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { delegations } from '@/db/schema';
import { resolutionForUser } from '@/db/queries/resolutions';
import { loadCompilation } from '@/app/api/v1/amendments/present';
import { currentUser } from '@/app/_lib/current-user';
import { can } from '@/lib/permissions';
import { DomainError } from '@/lib/errors';
import { CompilationTable } from './CompilationTable';
import type { AmendmentView } from './types';

export const dynamic = 'force-dynamic';

/** The compilation of amendments: the table the committee works from, filters, voting order, preview. */
export default async function CompilationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser(`/resolutions/${id}/amendments`);
  const db = await getDb();
  const found = await resolutionForUser(db, user.id, id).catch((e) => {
    if (e instanceof DomainError && e.kind === 'not_found') return null;
    throw e;
  });
  if (!found) notFound();
  const { resolution, access } = found;
  const [{ amendments, paragraphs }, roster] = await Promise.all([
    loadCompilation(db, resolution, access.actor),
    db.select({ id: delegations.id, name: delegations.name }).from(delegations).where(eq(delegations.committeeId, resolution.committeeId)).orderBy(delegations.name),
  ]);
  const plain = <T,>(v: unknown) => JSON.parse(JSON.stringify(v)) as T;
  return (
    <div className="compilation-page">
      <p className="breadcrumbs">
        <Link href={`/resolutions/${resolution.id}`}>{resolution.title}</Link> ›
      </p>
      <h1>Compilation of amendments</h1>
      <p className="muted">
        Export:{' '}
        {(['docx', 'html', 'pdf'] as const).map((f) => (
          <a key={f} className="export-link" href={`/api/v1/resolutions/${resolution.id}/amendments/export?format=${f}`} data-testid={`export-${f}`}>
            {f.toUpperCase()}
          </a>
        ))}
      </p>
      <CompilationTable
        resolutionId={resolution.id}
        initialAmendments={plain<AmendmentView[]>(amendments)}
        paragraphs={paragraphs.map((p) => ({ id: p.id, kind: p.kind, label: p.label, text: p.text }))}
        delegations={roster}
        maySetOrder={can(access.actor, 'voting-order:set', { stage: access.stage })}
      />
    </div>
  );
}
