import * as votes from '@/usecases/votes';
import { act } from '../../../_lib/act';
import { resolutionForUser } from '@/usecases/reads/resolutions';
import { presentVote, votesOf } from '@/usecases/reads/votes';
import { endpoint } from '../../../_lib/endpoint';
import { resolutionParams } from '../../schema';
import { openVoteBody } from '../../../procedure/schema';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  return { votes: await votesOf(db, resolution.id, access) };
});

export const POST = endpoint({ params: resolutionParams, body: openVoteBody }, async (ctx) => {
  const { vote, viewer } = await act(votes.openVote, ctx, { ...ctx.body, resolutionId: ctx.params.id });
  return presentVote(ctx.db, vote, viewer);
});
