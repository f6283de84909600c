import { presentVote } from '@/db/queries/votes';
import * as votes from '@/usecases/votes';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { closeVoteBody, voteParams } from '../../../procedure/schema';

export const POST = endpoint({ params: voteParams, body: closeVoteBody }, async (ctx) => {
  const { closed, amendment, viewer } = await act(votes.closeVote, ctx, { voteId: ctx.params.voteId, ...ctx.body });
  return { vote: await presentVote(ctx.db, closed.vote, viewer), adopted: !!closed.adopted, amendment };
});
