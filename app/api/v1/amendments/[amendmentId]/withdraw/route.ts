import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { amendmentParams, withdrawBody } from '../../schema';

export const POST = endpoint({ params: amendmentParams, body: withdrawBody }, async (ctx) => {
  const { amendment, fallen } = await act(amendments.withdraw, ctx, {
    amendmentId: ctx.params.amendmentId,
    reason: ctx.body.reason,
  });
  return Response.json(
    { id: amendment.id, number: amendment.number, status: amendment.status, fallen },
    { status: 201 },
  );
});
