import * as votes from '@/usecases/votes';
import { ballotsCast } from '@/server/observability/metrics';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { ballotBody, voteParams } from '../../../procedure/schema';

/**
 * A member casts their own delegation's ballot; the chair or the secretariat enters one
 * announced on the floor (usecases/votes: castBallot).
 */
export const POST = endpoint({ params: voteParams, body: ballotBody }, async (ctx) => {
  const { vote, delegationId, replaced, now } = await act(votes.castBallot, ctx, {
    voteId: ctx.params.voteId,
    ...ctx.body,
  });
  ballotsCast().inc({ outcome: replaced ? 'replaced' : 'first' });
  return {
    voteId: vote.id,
    delegationId,
    choice: ctx.body.choice,
    replaced,
    ballotsCast: now.ballotsCast,
    tally: now.tally,
  };
});
