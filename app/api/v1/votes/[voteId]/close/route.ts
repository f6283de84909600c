import { voteForUser } from '@/db/queries/votes';
import * as votes from '@/usecases/votes';
import { presentVoteTo } from '@/usecases/reads/votes';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { closeVoteBody, voteParams } from '../../../procedure/schema';

export const POST = endpoint({ params: voteParams, body: closeVoteBody }, async (ctx) => {
  const { closed, amendment } = await act(votes.closeVote, ctx, { voteId: ctx.params.voteId, ...ctx.body });
  // As the list shows it, youCan included (the stage may have moved on with the adoption).
  const { access } = await voteForUser(ctx.db, ctx.user.id, closed.vote.id);
  return { vote: await presentVoteTo(ctx.db, closed.vote, access), adopted: !!closed.adopted, amendment };
});
