import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { delegations, type Resolution } from '@/db/schema';
import type { ResolutionAccess } from '@/db/queries/access';
import { loadCompilation } from '@/app/api/v1/amendments/present';
import { can } from '@/lib/permissions';
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
  const [{ amendments, paragraphs }, roster] = await Promise.all([
    loadCompilation(db, resolution, access.actor),
    db
      .select({ id: delegations.id, name: delegations.name })
      .from(delegations)
      .where(eq(delegations.committeeId, resolution.committeeId))
      .orderBy(delegations.name),
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
    mayDraft: can(access.actor, 'amendment:draft', { stage: access.stage }),
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
