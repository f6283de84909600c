import { getDb, type Db } from '../client';
import { batchTransactions, type TransactionBatcher } from '../batched-transactions';
import { castBallot, type BallotCast, type CastOutcome } from './ballot-caster';

/**
 * Where ballots are cast: `castBallot` (one ballot per delegation, its audit entry, in its
 * own savepoint), with ballots arriving together written in one transaction (see
 * db/batched-transactions.ts). One box per process, on globalThis: route handlers are
 * bundled apart from server/, and a second box would be a second queue.
 */
const slot = globalThis as unknown as { __concordBallotBox?: TransactionBatcher<BallotCast, CastOutcome> };

export function ballotBox(): TransactionBatcher<BallotCast, CastOutcome> {
  // CONCORD_BALLOT_BATCH_MAX=1 writes each ballot alone (for comparing, in bench/).
  const maxBatch = Number(process.env.CONCORD_BALLOT_BATCH_MAX) || 250;
  slot.__concordBallotBox ??= batchTransactions(getDb, (db: Db, cast: BallotCast) => castBallot(db, cast), {
    maxBatch,
    // castBallot runs wholly in db.transaction: in a batch, that is its savepoint.
    ownTransaction: true,
  });
  return slot.__concordBallotBox;
}
