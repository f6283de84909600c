import { getDb } from '@/db/client';
import type { Resolution, ResolutionAccess } from '@/usecases/reads/resolutions';
import { delegationRoster } from '@/usecases/reads/committees';
import { loadCompilation } from '@/usecases/reads/amendments';
import { AmendmentsPanel } from './AmendmentsPanel';
import type { AmendmentView, AmendmentsContext, ParagraphOption } from './types';

/**
 * The amendments beside the text (issue 4): loaded on the server so the page renders
 * complete, then kept live by the panel through procedure events.
 */
export async function AmendmentsSection({
  resolution,
  access,
  user,
}: {
  resolution: Resolution;
  access: ResolutionAccess;
  user: { name: string; delegation: string | null };
}) {
  const db = await getDb();
  const [{ amendments, paragraphs, youCan }, roster] = await Promise.all([
    loadCompilation(db, resolution, access.actor),
    delegationRoster(db, resolution.committeeId),
  ]);
  const context: AmendmentsContext = {
    resolutionId: resolution.id,
    stage: resolution.stage,
    me: {
      role: access.actor.role ?? 'none',
      delegationId: access.actor.delegationId,
      name: user.name,
      delegationName: user.delegation,
    },
    delegations: roster,
    mayDraft: youCan.draft,
    tablingDeadline: resolution.tablingDeadline?.toISOString() ?? null,
  };
  const plain = <T,>(v: unknown) => JSON.parse(JSON.stringify(v)) as T;
  return (
    <AmendmentsPanel
      context={context}
      initialAmendments={plain<AmendmentView[]>(amendments)}
      initialParagraphs={paragraphs.map(
        (p): ParagraphOption => ({ id: p.id, kind: p.kind, label: p.label, text: p.text }),
      )}
    />
  );
}
