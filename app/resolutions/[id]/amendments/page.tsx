import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { delegationRoster } from '@/usecases/reads/committees';
import { loadCompilation } from '@/usecases/reads/amendments';
import { openResolutionPage } from '@/app/_lib/resolution-page';
import { CompilationTable } from './CompilationTable';
import type { AmendmentView } from './types';

export const dynamic = 'force-dynamic';

/** The compilation of amendments: the table the committee works from, filters, voting order, preview. */
export default async function CompilationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, resolution, access } = await openResolutionPage(id, `/resolutions/${id}/amendments`);
  const [{ amendments, paragraphs, youCan }, roster] = await Promise.all([
    loadCompilation(db, resolution, access.actor),
    delegationRoster(db, resolution.committeeId),
  ]);
  const t = await getTranslations('compilation');
  const plain = <T,>(v: unknown) => JSON.parse(JSON.stringify(v)) as T;
  return (
    <div className="compilation-page">
      <p className="breadcrumbs">
        <Link href={`/resolutions/${resolution.id}`}>{resolution.title}</Link> ›
      </p>
      <h1>{t('title')}</h1>
      <p className="muted">
        {t('export')}{' '}
        {(['docx', 'html', 'pdf'] as const).map((f) => (
          <a
            key={f}
            className="export-link"
            href={`/api/v1/resolutions/${resolution.id}/amendments/export?format=${f}`}
            data-testid={`export-${f}`}
          >
            {f.toUpperCase()}
          </a>
        ))}
      </p>
      <CompilationTable
        resolutionId={resolution.id}
        initialAmendments={plain<AmendmentView[]>(amendments)}
        paragraphs={paragraphs.map((p) => ({ id: p.id, kind: p.kind, label: p.label, text: p.text }))}
        delegations={roster}
        maySetOrder={youCan.setVotingOrder}
      />
    </div>
  );
}
