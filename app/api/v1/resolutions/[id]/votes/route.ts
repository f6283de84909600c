import * as votes from '@/usecases/votes';
import { act } from '../../../_lib/act';
import { resolutionForUser } from '@/db/queries/resolutions';
import { listVotes, presentVote } from '@/db/queries/votes';
import { endpoint } from '../../../_lib/endpoint';
import { resolutionParams } from '../../schema';
import { openVoteBody } from '../../../procedure/schema';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const viewer = { delegationId: access.actor.delegationId, committeeId: access.committeeId };
  const rows = await listVotes(db, resolution.id);
  return { votes: await Promise.all(rows.map((v) => presentVote(db, v, viewer))) };
});

export const POST = endpoint({ params: resolutionParams, body: openVoteBody }, async (ctx) => {
  const { vote, viewer } = await act(votes.openVote, ctx, { ...ctx.body, resolutionId: ctx.params.id });
  return presentVote(ctx.db, vote, viewer);
});
