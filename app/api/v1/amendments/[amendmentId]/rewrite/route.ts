import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { amendmentParams, rewriteBody } from '../../schema';

export const POST = endpoint({ params: amendmentParams, body: rewriteBody }, async (ctx) => {
  const updated = await act(amendments.rewrite, ctx, {
    amendmentId: ctx.params.amendmentId,
    proposedText: ctx.body.proposedText,
  });
  const { id, number, baseText, proposedText } = updated;
  return Response.json({ id, number, baseText, proposedText }, { status: 201 });
});
