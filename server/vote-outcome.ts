import type { Db } from '../db/client';
import type { Vote } from '../db/schema';
import type { StoredVoteResult } from '../db/queries/votes';
import { findAmendment } from '../db/queries/amendments';
import { decideAmendment } from './amendment-adoption';
import { DomainError } from '../lib/errors';

export type AmendmentDecisionOutcome =
  | { amendmentId: string; status: string }
  | { amendmentId: string; error: string }
  | null;

/**
 * A closed vote on an amendment decides it: adopted (applied to the live text, incompatible
 * amendments falling) or rejected, through the amendments' own decision command. The vote's
 * result stands whatever happens here; if the decision is refused (say the amendment was
 * withdrawn meanwhile), the reason is returned for the chair, who can record it by hand.
 * Without a quorum nothing is decided.
 */
export async function decideAmendmentByVote(
  db: Db,
  vote: Vote,
  result: StoredVoteResult,
  actorId: string,
  committeeId: string,
): Promise<AmendmentDecisionOutcome> {
  if (vote.subjectKind !== 'amendment' || !vote.amendmentId) return null;
  if (result.outcome !== 'adopted' && result.outcome !== 'rejected') return null;
  try {
    const amendment = await findAmendment(db, vote.amendmentId);
    if (amendment.status !== 'tabled')
      return {
        amendmentId: vote.amendmentId,
        error: `The amendment is ${amendment.status}; the vote's result is recorded but decides nothing.`,
      };
    const decided = await decideAmendment(db, {
      committeeId,
      resolutionId: vote.resolutionId,
      actorId,
      amendment,
      outcome: result.outcome,
      method: 'vote',
      voteId: vote.id,
    });
    return { amendmentId: vote.amendmentId, status: decided.amendment.status };
  } catch (e) {
    if (e instanceof DomainError) return { amendmentId: vote.amendmentId, error: e.message };
    throw e;
  }
}
