import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { ballots, resolutions, votes, type Resolution, type Vote } from '../schema';
import { openChoice, UnopenableBallot } from '../ballot-seal';
import { recordAuditEvent } from './audit-recorder';
import { adoptWithin } from './adoption-declarer';
import { ballotsOf, committeeWeights, secretTotalsOf, type StoredVoteResult } from '../queries/votes';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { closeVoteResult, COUNTED_METHODS, RECORDED_METHODS, type ClosedVoteResult } from '../../lib/votes/closing';
import type { Choice, VoteMethod, VoteTotals } from '../../lib/votes/types';
import type { Queryable } from '../client';

export interface VoteClosing {
  voteId: string;
  actorId: string;
  /** Show of hands: the counts the chair announces. */
  counts?: VoteTotals;
  /** A vote on the whole text that carries adopts it: where, when and by which body. */
  adoption?: { date?: string; place?: string; session?: string };
  /** The current text, frozen as adopted when a vote on the whole text carries. */
  state?: Uint8Array;
}

export interface ClosedVote {
  vote: Vote;
  result: StoredVoteResult;
  /** Set when this vote adopted the resolution. */
  adopted: Resolution | null;
}

/**
 * The chair closes a vote. The result is computed from the ballots, the entered counts (show
 * of hands) or, for a secret ballot, its sealed choices, opened here and erased (plus the
 * totals kept by ballots cast before choices were sealed), and stored; from then on ballots
 * are immutable. A vote on the whole text that carries
 * adopts the resolution, in that same transaction too.
 */
export async function closeVote(db: Db, closing: VoteClosing): Promise<ClosedVote> {
  return db.transaction(async (tx) => {
    // Lock order everywhere: resolution, then vote (see vote-opener and adoption-declarer).
    const [head] = await tx
      .select({ resolutionId: votes.resolutionId })
      .from(votes)
      .where(eq(votes.id, closing.voteId));
    if (!head) throw notFound('vote');
    const [resolution] = await tx.select().from(resolutions).where(eq(resolutions.id, head.resolutionId)).for('update');
    const [vote] = await tx.select().from(votes).where(eq(votes.id, closing.voteId)).for('update');
    if (vote.status !== 'open') throw conflict('vote', 'This vote is already closed; its result stands.');
    const method = vote.method as VoteMethod;
    const counted = COUNTED_METHODS.includes(method);
    if (counted && !closing.counts) {
      throw badRequest('counts', 'A show of hands is closed with the counts: give yes, no and abstain.', [
        { path: 'body.counts', message: 'required for a show of hands' },
      ]);
    }
    if (!counted && closing.counts) {
      throw badRequest(
        'counts',
        `Counts are entered only for a show of hands; this ${method.replace('_', ' ')} vote is counted from its ballots.`,
        [{ path: 'body.counts', message: 'not accepted for this method' }],
      );
    }
    const { weights } = await committeeWeights(tx, resolution.committeeId);
    const cast = await ballotsOf(tx, vote.id);
    const secretTally =
      method === 'secret'
        ? { totals: await openSecretBallots(tx, vote, vote.weighted === 1 ? weights : null), voted: cast.length }
        : null;
    let computed: ClosedVoteResult;
    try {
      computed = closeVoteResult({
        method,
        majority: vote.majority,
        quorum: vote.quorum,
        weighted: vote.weighted === 1,
        ballots: cast
          .filter((b) => b.choice !== null)
          .map((b) => ({ delegationId: b.delegationId, choice: b.choice as Choice })),
        weights,
        enteredCounts: closing.counts ?? null,
        secretTally,
      });
    } catch (e) {
      if (e instanceof RangeError) throw conflict('vote', `The result cannot be computed: ${e.message}.`);
      throw e;
    }
    const result: StoredVoteResult = { ...computed };
    if (RECORDED_METHODS.includes(method)) {
      const byChoice: Record<Choice, string[]> = { yes: [], no: [], abstain: [] };
      for (const b of cast) if (b.choice) byChoice[b.choice].push(b.delegationName);
      result.byChoice = byChoice;
    }
    const [closed] = await tx
      .update(votes)
      .set({ status: 'closed', closedAt: sql`now()`, result, enteredCounts: closing.counts ?? null })
      .where(eq(votes.id, vote.id))
      .returning();
    await recordAuditEvent(tx, {
      committeeId: resolution.committeeId,
      resolutionId: resolution.id,
      actorId: closing.actorId,
      action: 'vote.closed',
      details: {
        voteId: vote.id,
        totals: result.totals,
        outcome: result.outcome,
        explanation: result.explanation,
        ...(result.byChoice ? { byChoice: result.byChoice } : {}),
      },
    });

    let adopted: Resolution | null = null;
    if (vote.subjectKind === 'resolution' && result.outcome === 'adopted') {
      if (!closing.state) throw new Error('closing a vote on the whole text needs the current text (state)');
      adopted = await adoptWithin(tx, {
        resolutionId: resolution.id,
        method: RECORDED_METHODS.includes(method) && method !== 'electronic' ? 'recorded_vote' : 'vote',
        ...closing.adoption,
        actorId: closing.actorId,
        state: closing.state,
        vote: { id: vote.id, totals: result.totals },
      });
    }
    return { vote: closed, result, adopted };
  });
}

/**
 * A secret vote's totals at its close: every sealed choice opened and added (by weight when
 * the vote is weighted), then the seals erased in this same transaction, so that after the
 * close only the totals remain. Ballots cast before choices were sealed hold no seal: their
 * choices are in the totals kept then (`vote_tallies`).
 */
async function openSecretBallots(tx: Queryable, vote: Vote, weights: Map<string, number> | null): Promise<VoteTotals> {
  const totals = { ...(await secretTotalsOf(tx, vote.id)) };
  const sealed = await tx
    .select({ delegationId: ballots.delegationId, seal: ballots.seal })
    .from(ballots)
    .where(and(eq(ballots.voteId, vote.id), isNotNull(ballots.seal)));
  for (const { delegationId, seal } of sealed) {
    let choice: Choice;
    try {
      choice = openChoice(vote.id, delegationId, seal!);
    } catch (e) {
      if (!(e instanceof UnopenableBallot)) throw e;
      throw conflict(
        'vote',
        "The secret ballots cannot be opened with this server's ballot key (CONCORD_BALLOT_KEY, or ballot.key in the data folder): every process must have the key they were cast under.",
      );
    }
    totals[choice] += weights ? (weights.get(delegationId) ?? 0) : 1;
  }
  if (sealed.length > 0)
    await tx
      .update(ballots)
      .set({ seal: null })
      .where(and(eq(ballots.voteId, vote.id), isNotNull(ballots.seal)));
  return totals;
}
