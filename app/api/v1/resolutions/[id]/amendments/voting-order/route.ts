import { resolutionForUser } from '@/db/queries/resolutions';
import { setVotingOrder } from '@/db/commands/amendment-schedule';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { resolutionParams } from '../../../../resolutions/schema';
import { votingOrderBody } from '../../../../amendments/schema';
import { loadCompilation } from '../../../../amendments/present';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const { votingOrder } = await loadCompilation(db, resolution, access.actor);
  return { resolutionId: resolution.id, votingOrder };
});

export const PUT = endpoint({ params: resolutionParams, body: votingOrderBody }, async ({ db, user, params, body }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(access.actor, 'voting-order:set', { stage: access.stage });
  await setVotingOrder(db, {
    committeeId: resolution.committeeId,
    resolutionId: resolution.id,
    actorId: user.id,
    order: body.order,
  });
  publishProcedureEvent({ resolutionId: resolution.id, type: 'amendment.voting_order_set', data: {} });
  const { votingOrder } = await loadCompilation(db, resolution, access.actor);
  return { resolutionId: resolution.id, votingOrder };
});
