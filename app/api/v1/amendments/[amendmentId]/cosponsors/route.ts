import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { amendmentParams, coSponsorBody } from '../../schema';

export const POST = endpoint({ params: amendmentParams, body: coSponsorBody }, async (ctx) => {
  const updated = await act(amendments.inviteCoSponsor, ctx, {
    amendmentId: ctx.params.amendmentId,
    delegationId: ctx.body.delegationId,
  });
  return Response.json({ id: updated.id, coSponsorDelegationIds: updated.coSponsorDelegationIds }, { status: 201 });
});
