import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../client';
import type { Settled } from '../batched-transactions';
import { ballots, delegations, resolutions, votes } from '../schema';
import { sealChoice } from '../ballot-seal';
import { appendAuditEvents, auditChainHead, type AuditAct } from './audit-recorder';
import { together } from '../together';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { SECRET_BALLOT_FINAL } from '../../lib/votes/secret';
import type { Choice, VoteTotals } from '../../lib/votes/types';

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
  /**
   * The vote right after the batch this ballot was written in (read in its transaction, so
   * with every ballot committed before it, from any process): one object per vote and
   * batch, shared by the ballots of that batch — what the live tally shows. Null when not
   * asked for (`withStanding`).
   */
  standing: VoteStanding | null;
}

export interface VoteStanding {
  voteId: string;
  ballotsCast: number;
  eligible: number;
  /** Null for a secret vote: its totals are shown only at the close. */
  tally: VoteTotals | null;
}

/** One ballot in its own transaction (the CLI, tests, the ballot box ballot by ballot). */
export async function castBallot(db: Db, cast: BallotCast, options: CastOptions = {}): Promise<CastOutcome> {
  const [settled] = await db.transaction((tx) => castBallots(tx, [cast], options));
  if (!settled.ok) throw settled.error;
  return settled.value;
}

interface VoteRow {
  id: string;
  status: string;
  method: string;
  weighted: number;
  resolutionId: string;
  committeeId: string;
}

/**
 * Ballots cast together, written set-based inside the caller's transaction: the votes read
 * once (FOR SHARE) with the delegations checked in the same query, one upsert of all ballot rows,
 * one addition to each secret vote's totals and the audit entries chained here and written
 * in one statement — a fixed number of statements whatever the number of ballots, sent in
 * three round trips (db/together.ts): the read; the writes with the chain's lock and head;
 * the audit entries with the standings. Each
 * ballot gets its own answer: a refused one (closed vote, unknown delegation, a secret
 * ballot cast twice) is refused alone and writes nothing.
 *
 * One row per delegation and vote: a second ballot replaces the first (an upsert on the
 * unique index), and two ballots of one delegation in the same batch count as cast in their
 * order (the last one stands; both are in the audit). Reading the vote FOR SHARE lets
 * ballots go together while closing (which updates that row) waits for the ballots in
 * flight; a ballot arriving after closing sees the vote closed and is refused.
 *
 * A secret ballot's row says that the delegation has voted and holds its choice sealed under
 * a key kept outside the database (db/ballot-seal.ts); nothing else moves with the choice
 * until the vote closes, so neither the rows nor the write-ahead log nor the audit link a
 * delegation to its choice without that key — not even for a ballot written alone.
 */
export interface CastOptions {
  /** Read the vote's standing after the writes (one query per vote): the ballot box does. */
  withStanding?: boolean;
}

export async function castBallots(
  tx: Queryable,
  casts: readonly BallotCast[],
  options: CastOptions = {},
): Promise<Settled<CastOutcome>[]> {
  const out: (Settled<CastOutcome> | undefined)[] = casts.map(() => undefined);
  const refuse = (i: number, error: unknown) => {
    out[i] = { ok: false, error };
  };

  const voteIds = [...new Set(casts.map((c) => c.voteId))].sort();
  const delegationIds = [...new Set(casts.map((c) => c.delegationId))];
  // One round trip for both: each vote (FOR SHARE) with those of the ballots' delegations
  // that sit in its committee.
  const voteRows = await tx
    .select({
      id: votes.id,
      status: votes.status,
      method: votes.method,
      weighted: votes.weighted,
      resolutionId: votes.resolutionId,
      committeeId: resolutions.committeeId,
      members: sql<string[] | string>`(select coalesce(json_agg(${delegations.id}), '[]'::json) from ${delegations}
        where ${inArray(delegations.id, delegationIds)} and ${delegations.committeeId} = ${resolutions.committeeId})`,
    })
    .from(votes)
    .innerJoin(resolutions, eq(resolutions.id, votes.resolutionId))
    .where(inArray(votes.id, voteIds))
    .orderBy(asc(votes.id))
    .for('share', { of: votes });
  const voteById = new Map<string, VoteRow>(voteRows.map((v) => [v.id, v]));
  const inCommittee = new Map(
    voteRows.map((v) => [v.id, new Set<string>(typeof v.members === 'string' ? JSON.parse(v.members) : v.members)]),
  );

  // Accepted so far, in arrival order.
  const accepted: number[] = [];
  casts.forEach((cast, i) => {
    const refusal = refusalOf(voteById.get(cast.voteId), !!inCommittee.get(cast.voteId)?.has(cast.delegationId));
    if (refusal) refuse(i, refusal);
    else accepted.push(i);
  });

  const key = (c: BallotCast) => `${c.voteId}/${c.delegationId}`;
  const secret = (i: number) => voteById.get(casts[i].voteId)!.method === 'secret';

  // Open votes: the last ballot of each delegation in this batch. Secret votes: the first
  // ballot of each delegation that has not voted yet is recorded as cast, its choice sealed
  // (counted at the close); every other is refused, as a secret ballot cannot be changed.
  const lastOf = new Map<string, number>();
  const firstOf = new Map<string, number>();
  for (const i of accepted) {
    if (!secret(i)) lastOf.set(key(casts[i]), i);
    else if (!firstOf.has(key(casts[i]))) firstOf.set(key(casts[i]), i);
  }
  if (accepted.length === 0) return out as Settled<CastOutcome>[];

  // The writes, then the audit chain's lock and head, sent together (one round trip) in the
  // order they always run in: rows first, the chain's lock last, as every writer does.
  const [openRows, secretRows, head] = await together(
    upsertOpenBallots(
      tx,
      [...lastOf.values()].map((i) => casts[i]),
    ),
    insertSecretBallots(
      tx,
      [...firstOf.values()].map((i) => casts[i]),
    ),
    auditChainHead(tx),
  );
  const existedBefore = new Set<string>();
  for (const r of openRows) if (!r.inserted) existedBefore.add(`${r.voteId}/${r.delegationId}`);
  const newlyVoted = new Set(secretRows.map((r) => `${r.voteId}/${r.delegationId}`));

  const seen = new Set<string>();
  const acts: AuditAct[] = [];
  const cast: { i: number; replaced: boolean; secret: boolean }[] = [];
  for (const i of accepted) {
    const ballot = casts[i];
    const k = key(ballot);
    const isSecret = secret(i);
    if (isSecret && (firstOf.get(k) !== i || !newlyVoted.has(k))) {
      refuse(i, conflict('ballot', SECRET_BALLOT_FINAL));
      continue;
    }
    const replaced = !isSecret && (seen.has(k) || existedBefore.has(k));
    seen.add(k);
    cast.push({ i, replaced, secret: isSecret });
    const vote = voteById.get(ballot.voteId)!;
    acts.push({
      committeeId: vote.committeeId,
      resolutionId: vote.resolutionId,
      actorId: ballot.actorId,
      action: 'ballot.cast',
      // A secret ballot's choice never enters the permanent record.
      details: {
        voteId: vote.id,
        delegationId: ballot.delegationId,
        ...(isSecret ? {} : { choice: ballot.choice }),
        replaced,
        onBehalf: !!ballot.onBehalf,
      },
    });
  }
  // The audit entries and the standings after the writes, together too.
  const [, standings] = await together(
    appendAuditEvents(tx, head, acts),
    options.withStanding
      ? standingsOf(
          tx,
          [...new Set(cast.map(({ i }) => casts[i].voteId))].map((id) => voteById.get(id)!),
        )
      : Promise.resolve(new Map<string, VoteStanding>()),
  );
  for (const { i, replaced, secret: isSecret } of cast)
    out[i] = { ok: true, value: { replaced, secret: isSecret, standing: standings.get(casts[i].voteId) ?? null } };
  return out as Settled<CastOutcome>[];
}

/**
 * Open votes' ballots in one upsert whatever their number, their values as one JSON
 * parameter (a multi-row VALUES of 190 ballots costs more to build and parse than to
 * write). xmax = 0 on a returned row means it was inserted, not updated: a first ballot.
 * Sent at once (see together.ts); nothing is sent for no ballots.
 */
function upsertOpenBallots(
  tx: Queryable,
  casts: readonly BallotCast[],
): Promise<{ voteId: string; delegationId: string; inserted: boolean }[]> {
  if (casts.length === 0) return Promise.resolve([]);
  const json = JSON.stringify(
    casts.map((c) => ({ vote_id: c.voteId, delegation_id: c.delegationId, choice: c.choice, cast_by: c.actorId })),
  );
  return sent(
    tx.execute(sql`
    insert into ${ballots} (vote_id, delegation_id, choice, cast_by)
    select b.vote_id, b.delegation_id, b.choice, b.cast_by
    from jsonb_to_recordset(${json}::jsonb) as b(vote_id uuid, delegation_id uuid, choice text, cast_by uuid)
    on conflict (vote_id, delegation_id) do update
      set choice = excluded.choice, cast_by = excluded.cast_by, cast_at = now()
    returning vote_id, delegation_id, (xmax = 0) as inserted`) as PromiseLike<unknown>,
  ).then((result) =>
    (Array.isArray(result) ? (result as Returned[]) : (result as { rows: Returned[] }).rows).map((r) => ({
      voteId: r.vote_id,
      delegationId: r.delegation_id,
      inserted: r.inserted,
    })),
  );
}

/** A builder started now rather than when first awaited. */
function sent<T>(statement: PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => statement.then(resolve, reject));
}

/**
 * Secret votes' first ballots, their choices sealed; a delegation that has voted already
 * is not returned. Sent at once; nothing is sent for no ballots.
 */
function insertSecretBallots(
  tx: Queryable,
  casts: readonly BallotCast[],
): Promise<{ voteId: string; delegationId: string }[]> {
  if (casts.length === 0) return Promise.resolve([]);
  return sent(
    tx
      .insert(ballots)
      .values(
        casts.map((c) => ({
          voteId: c.voteId,
          delegationId: c.delegationId,
          choice: null,
          seal: sealChoice(c.voteId, c.delegationId, c.choice),
          castBy: c.actorId,
        })),
      )
      .onConflictDoNothing({ target: [ballots.voteId, ballots.delegationId] })
      .returning({ voteId: ballots.voteId, delegationId: ballots.delegationId }),
  );
}

interface Returned {
  vote_id: string;
  delegation_id: string;
  inserted: boolean;
}

/** Why a ballot cannot be cast at all, before anything is written; null when it can. */
function refusalOf(vote: VoteRow | undefined, delegationInCommittee: boolean) {
  if (!vote) return notFound('vote');
  if (vote.status !== 'open') return conflict('vote', 'This vote is closed; ballots can no longer be cast or changed.');
  if (vote.method === 'show_of_hands')
    return conflict(
      'vote',
      'This vote is by show of hands: the chair enters the counts when closing it; there are no ballots.',
    );
  if (!delegationInCommittee)
    return badRequest('delegation', 'That delegation is not in this committee.', [
      { path: 'body.delegationId', message: 'not a delegation of this committee' },
    ]);
  return null;
}

/**
 * Each vote's ballots cast, delegations entitled and (not secret) live tally, weighted when
 * the vote is: one query per vote, after the batch's writes, all sent at once.
 */
async function standingsOf(tx: Queryable, voted: readonly VoteRow[]): Promise<Map<string, VoteStanding>> {
  const rows = await together(...voted.map((vote) => standingOf(tx, vote)));
  return new Map(
    voted.map((vote, i) => {
      const row = rows[i];
      return [
        vote.id,
        {
          voteId: vote.id,
          ballotsCast: row.ballotsCast,
          eligible: row.eligible,
          tally: vote.method === 'secret' ? null : { yes: row.yes, no: row.no, abstain: row.abstain },
        },
      ];
    }),
  );
}

function standingOf(tx: Queryable, vote: VoteRow) {
  const weight = vote.weighted === 1 ? sql`${delegations.voteWeight}` : sql`1`;
  return sent(
    tx
      .select({
        ballotsCast: sql<number>`count(*)::int`,
        yes: sql<number>`coalesce(sum(${weight}) filter (where ${ballots.choice} = 'yes'), 0)::int`,
        no: sql<number>`coalesce(sum(${weight}) filter (where ${ballots.choice} = 'no'), 0)::int`,
        abstain: sql<number>`coalesce(sum(${weight}) filter (where ${ballots.choice} = 'abstain'), 0)::int`,
        eligible: sql<number>`(select count(*)::int from ${delegations} where ${delegations.committeeId} = ${vote.committeeId})`,
      })
      .from(ballots)
      .innerJoin(delegations, eq(delegations.id, ballots.delegationId))
      .where(eq(ballots.voteId, vote.id)),
  ).then(([row]) => row);
}
