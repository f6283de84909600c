import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../../_lib/endpoint';
import { act } from '../../../../_lib/act';
import { coSponsorParams } from '../../../schema';

export const DELETE = endpoint({ params: coSponsorParams }, async (ctx) => {
  const updated = await act(amendments.removeCoSponsor, ctx, ctx.params);
  return { id: updated.id, coSponsorDelegationIds: updated.coSponsorDelegationIds };
});
