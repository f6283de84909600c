import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { amendmentParams, rulingBody } from '../../schema';

export const POST = endpoint({ params: amendmentParams, body: rulingBody }, async (ctx) => {
  const { amendment, fallen } = await act(amendments.rule, ctx, {
    amendmentId: ctx.params.amendmentId,
    reason: ctx.body.reason,
  });
  const { id, number, status, statusReason } = amendment;
  return Response.json({ id, number, status, statusReason, fallen }, { status: 201 });
});
