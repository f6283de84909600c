import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { amendmentParams } from '../../schema';

export const POST = endpoint({ params: amendmentParams }, async (ctx) => {
  const tabled = await act(amendments.table, ctx, { amendmentId: ctx.params.amendmentId });
  return Response.json({ id: tabled.id, number: tabled.number, status: tabled.status }, { status: 201 });
});
