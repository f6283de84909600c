import Link from 'next/link';
import { resolutionOverview } from '@/usecases/reads/resolution-page';
import { can } from '@/lib/permissions';
import { STAGE_NAMES, nextStages } from '@/lib/resolution/stages';
import type { Stage } from '@/lib/resolution/types';
import { openResolutionPage } from '@/app/_lib/resolution-page';
import { STAGE_GUIDE } from '@/app/_lib/stage-guide';
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
  const { committee, paragraphs, versions, delegation } = await resolutionOverview(db, resolution, access.actor);
  const editable = can(access.actor, 'resolution:edit-text', { stage });

  return (
    <div className="resolution-page">
      <a className="skip-link" href="#resolution-editor">
        Skip to the text
      </a>
      <p className="breadcrumbs">
        <Link href="/">Committees</Link> › <Link href={`/committees/${committee.slug}`}>{committee.name}</Link> ›
      </p>
      <div className={`stage-banner stage-${stage}`} role="status" data-testid="stage-banner">
        <strong>{STAGE_NAMES[stage]}</strong>
        <span className="stage-guide">
          <span data-testid="stage-now">{STAGE_GUIDE[stage].now}</span>
          {STAGE_GUIDE[stage].next && (
            <span className="stage-next" data-testid="stage-next">
              Next: {STAGE_GUIDE[stage].next}
            </span>
          )}
        </span>
        {can(access.actor, 'resolution:change-stage', { stage }) && nextStages(stage).length > 0 && (
          <StageControl
            resolutionId={resolution.id}
            stages={nextStages(stage).map((s) => ({ value: s, label: STAGE_NAMES[s] }))}
          />
        )}
      </div>
      <h1>{resolution.title}</h1>
      <p className="muted">
        {resolution.sessionLabel}
        {resolution.place ? ` · ${resolution.place}` : ''} · you are {access.actor.role}
        {delegation ? ` of ${delegation.name}` : ''} · {editable ? 'you can edit the text' : 'read only'} ·{' '}
        <Link href={`/resolutions/${resolution.id}/languages`} data-testid="languages-link">
          Language versions
        </Link>
      </p>
      <div className="with-sidebar">
        <ResolutionEditor
          resolutionId={resolution.id}
          enactingFormula={resolution.enactingFormula}
          user={{ name: user.name, delegation: delegation?.name ?? null, role: access.actor.role! }}
          mayAmend={can(access.actor, 'amendment:draft', { stage })}
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
          canSave={can(access.actor, 'version:create', { stage })}
        />
      </div>
    </div>
  );
}
