import { resolutionForUser } from '@/db/queries/resolutions';
import { draftAmendment } from '@/db/commands/amendment-drafter';
import { currentParagraphs } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { DomainError } from '@/lib/errors';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams } from '../../../resolutions/schema';
import { compilationQuery, draftBody } from '../../../amendments/schema';
import { loadCompilation } from '../../../amendments/present';

export const GET = endpoint(
  { params: resolutionParams, query: compilationQuery },
  async ({ db, user, params, query }) => {
    const { resolution, access } = await resolutionForUser(db, user.id, params.id);
    const { amendments, votingOrder } = await loadCompilation(db, resolution, access.actor, {
      status: query.status as never,
      delegationId: query.delegation,
      paragraphId: query.paragraph,
    });
    return {
      resolutionId: resolution.id,
      stage: resolution.stage,
      tablingDeadline: resolution.tablingDeadline,
      amendments,
      votingOrder,
    };
  },
);

export const POST = endpoint({ params: resolutionParams, body: draftBody }, async ({ db, user, params, body }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const { actor } = access;
  // A member drafts for their own delegation; the presiding officers name the delegation.
  const sponsorDelegationId = actor.role === 'member' ? actor.delegationId : body.sponsorDelegationId;
  authorize(actor, 'amendment:draft', { stage: access.stage, delegationId: sponsorDelegationId });
  if (actor.role === 'member' && body.sponsorDelegationId && body.sponsorDelegationId !== actor.delegationId) {
    throw new DomainError('forbidden:amendment:draft', 'A member drafts amendments for their own delegation only.');
  }
  if (!sponsorDelegationId) {
    throw new DomainError('bad_request:body', 'Name the sponsoring delegation (sponsorDelegationId).', [
      { path: 'body.sponsorDelegationId', message: 'required' },
    ]);
  }
  const amendment = await draftAmendment(db, {
    ...body,
    committeeId: resolution.committeeId,
    resolutionId: resolution.id,
    actorId: user.id,
    sponsorDelegationId,
    paragraphs: await currentParagraphs(db, resolution.id),
  });
  publishProcedureEvent({
    resolutionId: resolution.id,
    type: 'amendment.drafted',
    data: { amendmentId: amendment.id },
  });
  return Response.json({ id: amendment.id, status: amendment.status, kind: amendment.kind }, { status: 201 });
});
