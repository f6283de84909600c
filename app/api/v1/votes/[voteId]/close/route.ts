import { presentVote, voteForUser } from '@/db/queries/votes';
import { closeVote } from '@/db/commands/vote-closer';
import { accessChanged, currentState } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { decideAmendmentByVote } from '@/server/vote-outcome';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { closeVoteBody, voteParams } from '../../../procedure/schema';

export const POST = endpoint({ params: voteParams, body: closeVoteBody }, async ({ db, user, params, body }) => {
  const { vote, access } = await voteForUser(db, user.id, params.voteId);
  authorize(access.actor, 'vote:close', { stage: access.stage }, 'Only the chair closes a vote.');
  const state = vote.subjectKind === 'resolution' ? await currentState(db, vote.resolutionId) : undefined;
  const closed = await closeVote(db, {
    voteId: vote.id,
    actorId: user.id,
    counts: body.counts,
    adoption: body.adoption,
    state,
  });
  publishProcedureEvent({
    resolutionId: vote.resolutionId,
    type: 'vote.closed',
    data: { voteId: vote.id, outcome: closed.result.outcome, totals: closed.result.totals },
  });
  const amendment = await decideAmendmentByVote(db, closed.vote, closed.result, user.id, access.committeeId);
  if (closed.adopted) {
    accessChanged({ resolutionId: vote.resolutionId });
    publishProcedureEvent({
      resolutionId: vote.resolutionId,
      type: 'resolution.adopted',
      data: { method: 'vote', voteId: vote.id },
    });
  }
  return {
    vote: await presentVote(db, closed.vote, {
      delegationId: access.actor.delegationId,
      committeeId: access.committeeId,
    }),
    adopted: !!closed.adopted,
    amendment,
  };
});
