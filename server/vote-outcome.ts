import type { Db } from '../db/client';
import type { Vote } from '../db/schema';
import type { StoredVoteResult } from '../db/queries/votes';
import { decideAmendmentByVote as decide, type AmendmentDecisionOutcome } from '../usecases/votes/vote-outcome';
import { textStoreFor, installedRuntime } from '../usecases/kernel/runtime';

export type { AmendmentDecisionOutcome };

/** Moved to usecases/votes/vote-outcome.ts; this keeps the vote-closing route working until it is a use case. */
export async function decideAmendmentByVote(
  db: Db,
  vote: Vote,
  result: StoredVoteResult,
  actorId: string,
  committeeId: string,
): Promise<AmendmentDecisionOutcome> {
  const { outcome, events } = await decide({ db, text: textStoreFor(db) }, vote, result, actorId, committeeId);
  installedRuntime().bus.publish(events);
  return outcome;
}
