import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { ballots, delegations, resolutions, votes, voteTallies } from '../schema';
import { recordAuditEvent } from './audit-recorder';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { SECRET_BALLOT_FINAL } from '../../lib/votes/secret';
import type { Choice } from '../../lib/votes/types';

export interface BallotCast {
  voteId: string;
  delegationId: string;
  choice: Choice;
  actorId: string;
  /** True when the secretariat or chair enters it for the delegation (kept in the record). */
  onBehalf?: boolean;
}

export interface CastOutcome {
  replaced: boolean;
  secret: boolean;
}

/**
 * A delegation's ballot: one per delegation and vote. A second ballot replaces the first —
 * an upsert on the unique (vote, delegation) index, so any number of simultaneous casts
 * leave exactly one row per delegation. The vote row is read FOR SHARE: ballots do not
 * wait for each other, but closing (which updates that row) waits for the ballots in
 * flight, and a ballot arriving after closing sees the vote closed and is refused.
 *
 * A secret ballot is written in two places that nothing joins: the ballot row says only
 * that the delegation has voted (no choice), and the vote's totals grow by its weight. No
 * statement ever holds the delegation and its choice together, so neither the rows nor the
 * write-ahead log nor the audit link them; the price is that a secret ballot is final.
 */
export async function castBallot(db: Db, cast: BallotCast): Promise<CastOutcome> {
  return db.transaction(async (tx) => {
    const [vote] = await tx
      .select({
        id: votes.id,
        status: votes.status,
        method: votes.method,
        weighted: votes.weighted,
        resolutionId: votes.resolutionId,
        committeeId: resolutions.committeeId,
      })
      .from(votes)
      .innerJoin(resolutions, eq(resolutions.id, votes.resolutionId))
      .where(eq(votes.id, cast.voteId))
      .for('share', { of: votes });
    if (!vote) throw notFound('vote');
    if (vote.status !== 'open')
      throw conflict('vote', 'This vote is closed; ballots can no longer be cast or changed.');
    if (vote.method === 'show_of_hands') {
      throw conflict(
        'vote',
        'This vote is by show of hands: the chair enters the counts when closing it; there are no ballots.',
      );
    }
    const [delegation] = await tx
      .select({ id: delegations.id, voteWeight: delegations.voteWeight })
      .from(delegations)
      .where(and(eq(delegations.id, cast.delegationId), eq(delegations.committeeId, vote.committeeId)));
    if (!delegation)
      throw badRequest('delegation', 'That delegation is not in this committee.', [
        { path: 'body.delegationId', message: 'not a delegation of this committee' },
      ]);

    const secret = vote.method === 'secret';
    let replaced: boolean;
    if (secret) {
      const [voted] = await tx
        .insert(ballots)
        .values({ voteId: vote.id, delegationId: cast.delegationId, choice: null, castBy: cast.actorId })
        .onConflictDoNothing({ target: [ballots.voteId, ballots.delegationId] })
        .returning({ id: ballots.id });
      if (!voted) throw conflict('ballot', SECRET_BALLOT_FINAL);
      const weight = vote.weighted === 1 ? delegation.voteWeight : 1;
      const added = { yes: 0, no: 0, abstain: 0, [cast.choice]: weight };
      await tx
        .insert(voteTallies)
        .values({ voteId: vote.id, ...added })
        .onConflictDoUpdate({
          target: voteTallies.voteId,
          set: {
            yes: sql`${voteTallies.yes} + excluded.yes`,
            no: sql`${voteTallies.no} + excluded.no`,
            abstain: sql`${voteTallies.abstain} + excluded.abstain`,
          },
        });
      replaced = false;
    } else {
      // xmax = 0 on the returned row means it was inserted, not updated: a first ballot.
      const [row] = await tx
        .insert(ballots)
        .values({ voteId: vote.id, delegationId: cast.delegationId, choice: cast.choice, castBy: cast.actorId })
        .onConflictDoUpdate({
          target: [ballots.voteId, ballots.delegationId],
          set: { choice: cast.choice, castBy: cast.actorId, castAt: sql`now()` },
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      replaced = !row.inserted;
    }
    await recordAuditEvent(tx, {
      committeeId: vote.committeeId,
      resolutionId: vote.resolutionId,
      actorId: cast.actorId,
      action: 'ballot.cast',
      // A secret ballot's choice never enters the permanent record.
      details: {
        voteId: vote.id,
        delegationId: cast.delegationId,
        ...(secret ? {} : { choice: cast.choice }),
        replaced,
        onBehalf: !!cast.onBehalf,
      },
    });
    return { replaced, secret };
  });
}
