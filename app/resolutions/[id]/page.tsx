import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { resolutionOverview } from '@/usecases/reads/resolution-page';
import type { Stage } from '@/lib/resolution/types';
import { openResolutionPage } from '@/app/_lib/resolution-page';
import { StageControl } from './StageControl';
import { ResolutionText } from './ResolutionText';
import { ResolutionEditor } from './editor/ResolutionEditor';
import { VersionsPanel } from './VersionsPanel';
import { ProcedurePanel } from './procedure/ProcedurePanel';
import { AmendmentsSection } from './amendments/AmendmentsSection';

export const dynamic = 'force-dynamic';

export default async function ResolutionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, db, resolution, access } = await openResolutionPage(id, `/resolutions/${id}`);
  const stage = resolution.stage as Stage;
  const { committee, paragraphs, versions, delegation, youCan } = await resolutionOverview(
    db,
    resolution,
    access.actor,
  );
  const editable = youCan.editText;
  const t = await getTranslations('resolution');
  const tr = await getTranslations();
  const next = stage === 'withdrawn' ? null : tr(`stageGuide.${stage}.next`);

  return (
    <div className="resolution-page">
      <a className="skip-link" href="#resolution-editor">
        {t('skipToText')}
      </a>
      <p className="breadcrumbs">
        <Link href="/">{t('committees')}</Link> › <Link href={`/committees/${committee.slug}`}>{committee.name}</Link> ›
      </p>
      <div className={`stage-banner stage-${stage}`} role="status" data-testid="stage-banner">
        <strong>{tr(`stages.${stage}`)}</strong>
        <span className="stage-guide">
          <span data-testid="stage-now">{tr(`stageGuide.${stage}.now`)}</span>
          {next && (
            <span className="stage-next" data-testid="stage-next">
              {t('next', { next })}
            </span>
          )}
        </span>
        {youCan.changeStageTo.length > 0 && (
          <StageControl
            resolutionId={resolution.id}
            stages={youCan.changeStageTo.map((s) => ({ value: s, label: tr(`stages.${s}`) }))}
          />
        )}
      </div>
      <h1>{resolution.title}</h1>
      <p className="muted">
        {resolution.sessionLabel}
        {resolution.place ? ` · ${resolution.place}` : ''} ·{' '}
        {delegation
          ? t('youAreOf', { role: tr(`roleNames.${access.actor.role!}`), delegation: delegation.name })
          : t('youAre', { role: tr(`roleNames.${access.actor.role!}`) })}{' '}
        · {editable ? t('canEdit') : t('readOnly')} ·{' '}
        <Link href={`/resolutions/${resolution.id}/languages`} data-testid="languages-link">
          {t('languageVersions')}
        </Link>
      </p>
      <div className="with-sidebar">
        <ResolutionEditor
          resolutionId={resolution.id}
          enactingFormula={resolution.enactingFormula}
          user={{ name: user.name, delegation: delegation?.name ?? null, role: access.actor.role! }}
          mayAmend={youCan.draftAmendment}
          fallback={
            <ResolutionText
              enactingFormula={resolution.enactingFormula}
              paragraphs={paragraphs.map((p) => ({ id: p.id, kind: p.kind, label: p.label, text: p.text }))}
              testId="resolution-text-fallback"
            />
          }
        />
        {/* amendments panel (issue 4) */}
        <AmendmentsSection
          resolution={resolution}
          access={access}
          user={{ name: user.name, delegation: delegation?.name ?? null }}
        />
        {/* procedure panel: reservations, votes, adoption (issue 5) */}
        <ProcedurePanel resolution={resolution} access={access} />
        <VersionsPanel
          resolutionId={resolution.id}
          versions={versions.map((v) => ({
            id: v.id,
            name: v.name,
            createdBy: v.createdBy,
            createdAt: v.createdAt.toISOString(),
            youCan: v.youCan,
          }))}
          canSave={youCan.saveVersion}
        />
      </div>
    </div>
  );
}
