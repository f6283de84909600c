import * as votes from '@/usecases/votes';
import { act } from '../../../_lib/act';
import { resolutionForUser } from '@/usecases/reads/resolutions';
import { presentVoteTo, votesOf } from '@/usecases/reads/votes';
import { endpoint } from '../../../_lib/endpoint';
import { resolutionParams } from '../../schema';
import { openVoteBody } from '../../../procedure/schema';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  return { votes: await votesOf(db, resolution.id, access) };
});

export const POST = endpoint({ params: resolutionParams, body: openVoteBody }, async (ctx) => {
  const { vote } = await act(votes.openVote, ctx, { ...ctx.body, resolutionId: ctx.params.id });
  const { access } = await resolutionForUser(ctx.db, ctx.user.id, ctx.params.id);
  return presentVoteTo(ctx.db, vote, access);
});
