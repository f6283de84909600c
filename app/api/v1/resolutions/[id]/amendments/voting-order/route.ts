import { resolutionForUser } from '@/db/queries/resolutions';
import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../../_lib/endpoint';
import { act } from '../../../../_lib/act';
import { resolutionParams } from '../../../../resolutions/schema';
import { votingOrderBody } from '../../../../amendments/schema';
import { loadCompilation } from '@/usecases/reads/amendments';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const { votingOrder } = await loadCompilation(db, resolution, access.actor);
  return { resolutionId: resolution.id, votingOrder };
});

export const PUT = endpoint({ params: resolutionParams, body: votingOrderBody }, async (ctx) => {
  const { resolution, actor } = await act(amendments.setVotingOrder, ctx, {
    resolutionId: ctx.params.id,
    order: ctx.body.order,
  });
  const { votingOrder } = await loadCompilation(ctx.db, resolution, actor);
  return { resolutionId: resolution.id, votingOrder };
});
