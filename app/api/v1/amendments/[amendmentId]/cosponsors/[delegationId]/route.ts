import { draftChanged } from '@/server/resolution-text';
import { removeCoSponsor } from '@/db/commands/amendment-drafter';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { coSponsorParams } from '../../../schema';
import { amendmentForUser } from '../../../access';

export const DELETE = endpoint({ params: coSponsorParams }, async ({ db, user, params }) => {
  const { access, subject, scope } = await amendmentForUser(db, user.id, params.amendmentId);
  authorize(
    access.actor,
    'amendment:remove-cosponsor',
    { ...subject, coSponsorRemoved: params.delegationId },
    'The sponsoring delegation (or the secretariat) removes co-sponsors; a co-sponsoring delegation may only withdraw its own co-sponsorship.',
  );
  const updated = await removeCoSponsor(db, { ...scope, delegationId: params.delegationId });
  // Its members lose the draft: their editing sockets close within 2 s.
  draftChanged(params.amendmentId);
  publishProcedureEvent({
    resolutionId: scope.resolutionId,
    type: 'amendment.cosponsor_removed',
    data: { amendmentId: updated.id, delegationId: params.delegationId },
  });
  return { id: updated.id, coSponsorDelegationIds: updated.coSponsorDelegationIds };
});
