import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../client';
import { sameTickLookup } from './same-tick';
import { amendments, ballots, delegations, memberships, resolutions, votes, voteTallies, type Vote } from '../schema';
import { isUuid, type ResolutionAccess } from './access';
import { notFound } from '../../lib/errors';
import type { Role } from '../../lib/permissions';
import type { Stage } from '../../lib/resolution/types';
import { tallyBallots } from '../../lib/votes/tally';
import { rollCallOrder } from '../../lib/votes/roll-call';
import { RECORDED_METHODS } from '../../lib/votes/closing';
import type { Choice, VoteMethod, VoteTotals } from '../../lib/votes/types';

/** A vote as one user may see it: 404 both when absent and when not in their committee. */
export async function voteForUser(
  db: Queryable,
  userId: string,
  voteId: string,
): Promise<{ vote: Vote; access: ResolutionAccess }> {
  if (!isUuid(voteId)) throw notFound('vote');
  const [row] = await db
    .select({
      vote: votes,
      committeeId: resolutions.committeeId,
      stage: resolutions.stage,
      role: memberships.role,
      delegationId: memberships.delegationId,
    })
    .from(votes)
    .innerJoin(resolutions, eq(resolutions.id, votes.resolutionId))
    .leftJoin(memberships, and(eq(memberships.committeeId, resolutions.committeeId), eq(memberships.userId, userId)))
    .where(eq(votes.id, voteId));
  if (!row?.role) throw notFound('vote');
  return {
    vote: row.vote,
    access: {
      actor: { userId, role: row.role as Role, delegationId: row.delegationId ?? null },
      resolutionId: row.vote.resolutionId,
      committeeId: row.committeeId,
      stage: row.stage as Stage,
    },
  };
}

/**
 * voteForUser for requests arriving together (190 delegations voting in the same second):
 * one query for all of them instead of one each (db/queries/same-tick.ts). Same answers,
 * same 404s.
 */
export async function voteForUserSoon(
  db: Queryable,
  userId: string,
  voteId: string,
): Promise<{ vote: Vote; access: ResolutionAccess }> {
  if (!isUuid(voteId)) throw notFound('vote');
  const found = await voteAndMembership(db, `${voteId}/${userId}`);
  if (!found) throw notFound('vote');
  return found;
}

const voteAndMembership = sameTickLookup(async (db, keys: string[]) => {
  const pairs = keys.map((k) => k.split('/') as [string, string]);
  const rows = await db
    .select({
      vote: votes,
      committeeId: resolutions.committeeId,
      stage: resolutions.stage,
      userId: memberships.userId,
      role: memberships.role,
      delegationId: memberships.delegationId,
    })
    .from(votes)
    .innerJoin(resolutions, eq(resolutions.id, votes.resolutionId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.committeeId, resolutions.committeeId),
        inArray(memberships.userId, [...new Set(pairs.map(([, userId]) => userId))]),
      ),
    )
    .where(inArray(votes.id, [...new Set(pairs.map(([voteId]) => voteId))]));
  return new Map(
    rows.map((row) => [
      `${row.vote.id}/${row.userId}`,
      {
        vote: row.vote,
        access: {
          actor: { userId: row.userId, role: row.role as Role, delegationId: row.delegationId ?? null },
          resolutionId: row.vote.resolutionId,
          committeeId: row.committeeId,
          stage: row.stage as Stage,
        } satisfies ResolutionAccess,
      },
    ]),
  );
});

export async function listVotes(db: Queryable, resolutionId: string): Promise<Vote[]> {
  return db.select().from(votes).where(eq(votes.resolutionId, resolutionId)).orderBy(desc(votes.openedAt));
}

export async function openVoteOf(db: Queryable, resolutionId: string): Promise<Vote | null> {
  const [row] = await db
    .select()
    .from(votes)
    .where(and(eq(votes.resolutionId, resolutionId), eq(votes.status, 'open')));
  return row ?? null;
}

export interface CountedBallot {
  delegationId: string;
  delegationName: string;
  choice: Choice | null;
}

export async function ballotsOf(db: Queryable, voteId: string): Promise<CountedBallot[]> {
  const rows = await db
    .select({ delegationId: ballots.delegationId, delegationName: delegations.name, choice: ballots.choice })
    .from(ballots)
    .innerJoin(delegations, eq(delegations.id, ballots.delegationId))
    .where(eq(ballots.voteId, voteId))
    .orderBy(asc(delegations.name));
  return rows as CountedBallot[];
}

/** A secret vote's totals so far (lib/votes/secret.ts): zero until the first ballot. */
export async function secretTotalsOf(db: Queryable, voteId: string): Promise<VoteTotals> {
  const [row] = await db
    .select({ yes: voteTallies.yes, no: voteTallies.no, abstain: voteTallies.abstain })
    .from(voteTallies)
    .where(eq(voteTallies.voteId, voteId));
  return row ?? { yes: 0, no: 0, abstain: 0 };
}

/** Every delegation of the committee with its weight: who may vote, and how much each counts. */
export async function committeeWeights(db: Queryable, committeeId: string) {
  const rows = await db
    .select({ id: delegations.id, name: delegations.name, voteWeight: delegations.voteWeight })
    .from(delegations)
    .where(eq(delegations.committeeId, committeeId))
    .orderBy(asc(delegations.name));
  return { delegations: rows, weights: new Map(rows.map((d) => [d.id, d.voteWeight])) };
}

export interface StoredVoteResult {
  totals: VoteTotals;
  outcome: string;
  required: number;
  explanation: string;
  membership: number;
  ballotsCast: number | null;
  /** Recorded, roll-call and electronic votes: the delegations by choice. */
  byChoice?: Record<Choice, string[]>;
}

/**
 * A vote presented to one viewer. Secrecy is decided here, once: a secret vote shows how
 * many delegations voted while open and only the totals after, never who chose what; the
 * viewer always sees their own delegation's ballot.
 */
export async function presentVote(
  db: Queryable,
  vote: Vote,
  viewer: { delegationId: string | null; committeeId: string },
) {
  const method = vote.method as VoteMethod;
  const [counted, { delegations: roster, weights }, amendment] = await Promise.all([
    ballotsOf(db, vote.id),
    committeeWeights(db, viewer.committeeId),
    vote.amendmentId
      ? db.select({ number: amendments.number }).from(amendments).where(eq(amendments.id, vote.amendmentId))
      : Promise.resolve([]),
  ]);
  const secret = method === 'secret';
  const open = vote.status === 'open';
  const withChoice = counted.filter((b): b is CountedBallot & { choice: Choice } => b.choice !== null);
  const liveTally =
    open && !secret && method !== 'show_of_hands'
      ? tallyBallots(withChoice, vote.weighted ? weights : undefined)
      : null;
  const own = viewer.delegationId ? counted.find((b) => b.delegationId === viewer.delegationId) : undefined;
  const first = roster.find((d) => d.id === vote.rollCallFirstDelegationId);
  return {
    id: vote.id,
    resolutionId: vote.resolutionId,
    subject: {
      kind: vote.subjectKind,
      amendmentId: vote.amendmentId,
      amendmentNumber: amendment[0]?.number ?? null,
      paragraphId: vote.paragraphId,
    },
    method,
    majority: vote.majority,
    quorum: vote.quorum,
    weighted: vote.weighted === 1,
    status: vote.status,
    openedAt: vote.openedAt,
    closedAt: vote.closedAt,
    eligible: roster.length,
    ballotsCast: counted.length,
    tally: liveTally,
    ballots: RECORDED_METHODS.includes(method)
      ? withChoice.map((b) => ({ delegationId: b.delegationId, delegation: b.delegationName, choice: b.choice }))
      : [],
    /** Null for a secret ballot: nothing stored says what a delegation chose. */
    ownChoice: own?.choice ?? null,
    /** Whether the viewer's delegation has voted (a secret ballot cannot then be changed). */
    ownBallotCast: !!own,
    rollCall:
      method === 'roll_call' && first
        ? {
            drawnFirst: first.name,
            order: rollCallOrder(
              roster.map((d) => d.name),
              first.name,
            ),
          }
        : null,
    result: (vote.result as StoredVoteResult | null) ?? null,
  };
}

export type PresentedVote = Awaited<ReturnType<typeof presentVote>>;
