import { draftChanged } from '@/server/resolution-text';
import { inviteCoSponsor } from '@/db/commands/amendment-drafter';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { amendmentParams, coSponsorBody } from '../../schema';
import { amendmentForUser } from '../../access';

export const POST = endpoint({ params: amendmentParams, body: coSponsorBody }, async ({ db, user, params, body }) => {
  const { access, subject, scope } = await amendmentForUser(db, user.id, params.amendmentId);
  authorize(
    access.actor,
    'amendment:edit',
    subject,
    'Only the sponsoring or a co-sponsoring delegation (or the secretariat) may invite co-sponsors.',
  );
  const updated = await inviteCoSponsor(db, { ...scope, delegationId: body.delegationId });
  draftChanged(params.amendmentId);
  publishProcedureEvent({
    resolutionId: scope.resolutionId,
    type: 'amendment.cosponsor_invited',
    data: { amendmentId: updated.id, delegationId: body.delegationId },
  });
  return Response.json({ id: updated.id, coSponsorDelegationIds: updated.coSponsorDelegationIds }, { status: 201 });
});
