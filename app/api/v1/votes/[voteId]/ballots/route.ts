import { presentVote, voteForUser } from '@/db/queries/votes';
import { ballotBox } from '@/db/commands/ballot-box';
import { publishProcedureEvent } from '@/server/procedure-events';
import { freshResult } from '@/server/single-flight';
import { ballotsCast } from '@/server/observability/metrics';
import { badRequest } from '@/lib/errors';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { ballotBody, voteParams } from '../../../procedure/schema';

/**
 * A member casts their own delegation's ballot (vote:cast); the chair or the secretariat
 * enters a delegation's ballot as announced on the floor, e.g. at a roll call (vote:record).
 */
export const POST = endpoint({ params: voteParams, body: ballotBody }, async ({ db, user, params, body }) => {
  const { vote, access } = await voteForUser(db, user.id, params.voteId);
  const { actor } = access;
  const delegationId = body.delegationId ?? actor.delegationId;
  const own = actor.role === 'member' && !!delegationId && delegationId === actor.delegationId;
  authorize(
    actor,
    own ? 'vote:cast' : 'vote:record',
    { stage: access.stage, delegationId: delegationId ?? undefined },
    'A member votes for their own delegation; the chair and the secretariat enter ballots announced on the floor.',
  );
  if (!delegationId)
    throw badRequest('delegation', 'Give delegationId: the delegation whose ballot you enter.', [
      { path: 'body.delegationId', message: 'required' },
    ]);
  // Ballots arriving together are written in one transaction (each still its own savepoint).
  const outcome = await ballotBox().run({
    voteId: vote.id,
    delegationId,
    choice: body.choice,
    actorId: user.id,
    onBehalf: !own,
  });
  ballotsCast().inc({ outcome: outcome.replaced ? 'replaced' : 'first' });
  // Everyone watching sees the tally move; a secret vote shows only how many have voted.
  // Ballots cast together share one recount (and one event) taken after all of them.
  const now = await freshResult(`tally:${vote.id}`, async () => {
    const tally = await presentVote(db, vote, { delegationId: null, committeeId: access.committeeId });
    publishProcedureEvent({
      resolutionId: vote.resolutionId,
      type: 'ballot.cast',
      data: {
        voteId: vote.id,
        ballotsCast: tally.ballotsCast,
        eligible: tally.eligible,
        ...(tally.tally ? { tally: tally.tally } : {}),
      },
    });
    return tally;
  });
  return {
    voteId: vote.id,
    delegationId,
    choice: body.choice,
    replaced: outcome.replaced,
    ballotsCast: now.ballotsCast,
    tally: now.tally,
  };
});
