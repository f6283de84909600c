import { voteForUserSoon } from '@/db/queries/votes';
import { ballotBox } from '@/db/commands/ballot-box';
import type { VoteStanding } from '@/db/commands/ballot-caster';
import { publishProcedureEvent } from '@/server/procedure-events';
import { ballotsCast } from '@/server/observability/metrics';
import { badRequest } from '@/lib/errors';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { ballotBody, voteParams } from '../../../procedure/schema';

/** Standings already announced (one per batch); forgotten with the batch. */
const announced = new WeakSet<VoteStanding>();

/**
 * A member casts their own delegation's ballot (vote:cast); the chair or the secretariat
 * enters a delegation's ballot as announced on the floor, e.g. at a roll call (vote:record).
 */
export const POST = endpoint({ params: voteParams, body: ballotBody }, async ({ db, user, params, body }) => {
  const { vote, access } = await voteForUserSoon(db, user.id, params.voteId);
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
  // Ballots arriving together are written in one transaction, set-based (db/commands/ballot-box.ts).
  const outcome = await ballotBox().run({
    voteId: vote.id,
    delegationId,
    choice: body.choice,
    actorId: user.id,
    onBehalf: !own,
  });
  ballotsCast().inc({ outcome: outcome.replaced ? 'replaced' : 'first' });
  // Everyone watching sees the tally move; a secret vote shows only how many have voted.
  // Ballots written together share one standing, read in their transaction: one event each.
  const now = outcome.standing!; // the ballot box always reads it
  if (!announced.has(now)) {
    announced.add(now);
    publishProcedureEvent({
      resolutionId: vote.resolutionId,
      type: 'ballot.cast',
      data: {
        voteId: vote.id,
        ballotsCast: now.ballotsCast,
        eligible: now.eligible,
        ...(now.tally ? { tally: now.tally } : {}),
      },
    });
  }
  return {
    voteId: vote.id,
    delegationId,
    choice: body.choice,
    replaced: outcome.replaced,
    ballotsCast: now.ballotsCast,
    tally: now.tally,
  };
});
