import { sql } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { findUserByApiToken } from '../queries/access';
import { voteForUserSoon } from '../queries/votes';
import { TOKEN_PREFIX } from '../../lib/auth/tokens';
import { batchSetTransactions, batchTransactions, type TransactionBatcher } from '../batched-transactions';
import { castBallot, castBallots, type BallotCast, type CastOutcome } from './ballot-caster';

/**
 * Where ballots are cast: ballots arriving together are written in one transaction, set-based
 * (`castBallots`: a fixed number of statements per batch, see db/batched-transactions.ts).
 * One box per process, on globalThis: route handlers are bundled apart from server/, and a
 * second box would be a second queue.
 *
 * For comparing in bench/: CONCORD_BALLOT_BATCH_MAX=1 writes each ballot alone;
 * CONCORD_BALLOT_SET_BASED=0 writes a batch ballot by ballot, each in its own savepoint (the
 * ballot box before it became set-based); CONCORD_BALLOT_HOLD_MS=<ms> makes the next batch
 * wait, that long at most, for ballots still in their lookups (off by default: on a loaded
 * machine the wait left the database idle longer than it saved; bench/HISTORY.md).
 */
const slot = globalThis as unknown as { __concordBallotBox?: TransactionBatcher<BallotCast, CastOutcome> };

/** How long a batch waits for ballots still in their lookups (see TransactionBatcher.arriving). */
const HOLD_MS = 0;

export function ballotBox(): TransactionBatcher<BallotCast, CastOutcome> {
  const maxBatch = Number(process.env.CONCORD_BALLOT_BATCH_MAX) || 250;
  const holdMs = Number(process.env.CONCORD_BALLOT_HOLD_MS) || HOLD_MS;
  slot.__concordBallotBox ??=
    process.env.CONCORD_BALLOT_SET_BASED === '0'
      ? batchTransactions(getDb, (db: Db, cast: BallotCast) => castBallot(db, cast, { withStanding: true }), {
          maxBatch,
          // castBallot runs wholly in db.transaction: in a batch, that is its savepoint.
          ownTransaction: true,
          holdMs,
        })
      : batchSetTransactions(
          getDb,
          (tx: Db, casts: readonly BallotCast[]) => castBallots(tx, casts, { withStanding: true }),
          { maxBatch, holdMs },
        );
  return slot.__concordBallotBox;
}

/**
 * Runs once at start what a ballot reads on its way (the token, the vote with the member's
 * role, the ballot box's read of the vote and delegations), for nothing that exists, so the
 * first burst of ballots after a start does not pay for planning these statements and, on
 * PostgreSQL, for opening the connections its lookups and batch use at the same time.
 * Writes nothing.
 */
export async function warmUpBallotPath(db: Db): Promise<void> {
  const none = '00000000-0000-0000-0000-000000000000';
  await Promise.all([
    findUserByApiToken(db, `${TOKEN_PREFIX}${'0'.repeat(43)}`),
    voteForUserSoon(db, none, none).catch(() => undefined),
    db.transaction((tx) =>
      castBallots(tx, [{ voteId: none, delegationId: none, choice: 'yes', actorId: none }], { withStanding: true }),
    ),
    db.execute(sql`select 1`),
  ]);
}
