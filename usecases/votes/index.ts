import { ballotBox } from '../../db/commands/ballot-box';
import { openVote as storeOpening, type VoteOpening } from '../../db/commands/vote-opener';
import { closeVote as storeClosing, type VoteClosing } from '../../db/commands/vote-closer';
import { voteForUser, voteForUserSoon } from '../../db/queries/votes';
import type { VoteStanding } from '../../db/commands/ballot-caster';
import { badRequest } from '../../lib/errors';
import type { ProcedureEvent } from '../kernel/events';
import { readNumberedParagraphs } from '../kernel/text-store';
import { authorize, defineUseCase, userIdOf } from '../kernel/use-case';
import { resolutionActing } from '../amendments/access';
import { decideAmendmentByVote } from './vote-outcome';

/** Votes: the chair opens and closes them, delegations cast their ballots (db/commands do the counting). */

type Opening = Pick<VoteOpening, 'subject' | 'method' | 'majority' | 'quorum' | 'weighted'> & { resolutionId: string };

export const openVote = defineUseCase('vote.open', async ({ db, text }, actor, input: Opening) => {
  const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
  authorize(access.actor, 'vote:open', { stage: access.stage }, 'Only the chair opens a vote.');
  const paragraphs = await readNumberedParagraphs(text, resolution.id);
  const vote = await storeOpening(db, {
    resolution,
    subject: input.subject,
    method: input.method,
    majority: input.majority,
    quorum: input.quorum ?? null,
    weighted: input.weighted,
    actorId: userId,
    paragraphIds: paragraphs.map((p) => p.id),
  });
  return {
    result: { vote, viewer: { delegationId: access.actor.delegationId, committeeId: access.committeeId } },
    events: [
      {
        type: 'vote.opened',
        resolutionId: resolution.id,
        data: { voteId: vote.id, method: vote.method, subject: input.subject.kind },
      },
    ],
  };
});

/** Standings already announced (one per batch of ballots); forgotten with the batch. */
const announced = new WeakSet<VoteStanding>();

/**
 * A member casts their own delegation's ballot (vote:cast); the chair or the secretariat
 * enters a delegation's ballot as announced on the floor, e.g. at a roll call (vote:record).
 * Ballots arriving together are written in one transaction, set-based (the ballot box), and
 * share one standing read in it: the first caller holding it carries the "ballot.cast" event.
 */
export const castBallot = defineUseCase(
  'vote.cast',
  async ({ db }, actor, input: { voteId: string; delegationId?: string | null; choice: 'yes' | 'no' | 'abstain' }) => {
    const userId = userIdOf(actor);
    const { vote, access } = await voteForUserSoon(db, userId, input.voteId);
    const committeeActor = access.actor;
    const delegationId = input.delegationId ?? committeeActor.delegationId;
    const own = committeeActor.role === 'member' && !!delegationId && delegationId === committeeActor.delegationId;
    authorize(
      committeeActor,
      own ? 'vote:cast' : 'vote:record',
      { stage: access.stage, delegationId: delegationId ?? undefined },
      'A member votes for their own delegation; the chair and the secretariat enter ballots announced on the floor.',
    );
    if (!delegationId)
      throw badRequest('delegation', 'Give delegationId: the delegation whose ballot you enter.', [
        { path: 'body.delegationId', message: 'required' },
      ]);
    const outcome = await ballotBox().run({
      voteId: vote.id,
      delegationId,
      choice: input.choice,
      actorId: userId,
      onBehalf: !own,
    });
    // Everyone watching sees the tally move; a secret vote shows only how many have voted.
    const now = outcome.standing!; // the ballot box always reads it
    const events: ProcedureEvent[] = [];
    if (!announced.has(now)) {
      announced.add(now);
      events.push({
        type: 'ballot.cast',
        resolutionId: vote.resolutionId,
        data: {
          voteId: vote.id,
          ballotsCast: now.ballotsCast,
          eligible: now.eligible,
          ...(now.tally ? { tally: now.tally } : {}),
        },
      });
    }
    return { result: { vote, delegationId, replaced: outcome.replaced, now }, events };
  },
);

/**
 * The chair closes a vote: the result is computed and kept; a vote on an amendment decides
 * it (applied to the text when adopted); a vote on the whole text that carries adopts it.
 */
export const closeVote = defineUseCase(
  'vote.close',
  async (ctx, actor, input: { voteId: string } & Pick<VoteClosing, 'counts' | 'adoption'>) => {
    const { db, text } = ctx;
    const userId = userIdOf(actor);
    const { vote, access } = await voteForUser(db, userId, input.voteId);
    authorize(access.actor, 'vote:close', { stage: access.stage }, 'Only the chair closes a vote.');
    const state = vote.subjectKind === 'resolution' ? await text.read(vote.resolutionId) : undefined;
    const closed = await storeClosing(db, {
      voteId: vote.id,
      actorId: userId,
      counts: input.counts,
      adoption: input.adoption,
      state,
    });
    const events: ProcedureEvent[] = [
      {
        type: 'vote.closed',
        resolutionId: vote.resolutionId,
        data: { voteId: vote.id, outcome: closed.result.outcome, totals: closed.result.totals },
      },
    ];
    const decided = await decideAmendmentByVote(ctx, closed.vote, closed.result, userId, access.committeeId);
    events.push(...decided.events);
    if (closed.adopted)
      events.push({
        type: 'resolution.adopted',
        resolutionId: vote.resolutionId,
        data: { method: 'vote', voteId: vote.id },
      });
    return {
      result: {
        closed,
        amendment: decided.outcome,
        viewer: { delegationId: access.actor.delegationId, committeeId: access.committeeId },
      },
      events,
    };
  },
);
