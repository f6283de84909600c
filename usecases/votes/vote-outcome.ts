import type { Vote } from '../../db/schema';
import type { StoredVoteResult } from '../../db/queries/votes';
import { findAmendment } from '../../db/queries/amendments';
import { DomainError } from '../../lib/errors';
import type { ProcedureEvent } from '../kernel/events';
import type { UseCaseContext } from '../kernel/use-case';
import { applyDecision } from '../amendments/amendment-adoption';

export type AmendmentDecisionOutcome =
  | { amendmentId: string; status: string }
  | { amendmentId: string; error: string }
  | null;

/**
 * A closed vote on an amendment decides it: adopted (applied to the live text, incompatible
 * amendments falling) or rejected, through the amendments' own decision. The vote's result
 * stands whatever happens here; if the decision is refused (say the amendment was
 * withdrawn meanwhile), the reason is returned for the chair, who can record it by hand.
 * Without a quorum nothing is decided.
 */
export async function decideAmendmentByVote(
  ctx: UseCaseContext,
  vote: Vote,
  result: StoredVoteResult,
  actorId: string,
  committeeId: string,
): Promise<{ outcome: AmendmentDecisionOutcome; events: ProcedureEvent[] }> {
  if (vote.subjectKind !== 'amendment' || !vote.amendmentId) return { outcome: null, events: [] };
  if (result.outcome !== 'adopted' && result.outcome !== 'rejected') return { outcome: null, events: [] };
  try {
    const amendment = await findAmendment(ctx.db, vote.amendmentId);
    if (amendment.status !== 'tabled')
      return {
        outcome: {
          amendmentId: vote.amendmentId,
          error: `The amendment is ${amendment.status}; the vote's result is recorded but decides nothing.`,
        },
        events: [],
      };
    const decided = await applyDecision(ctx, {
      committeeId,
      resolutionId: vote.resolutionId,
      actorId,
      amendment,
      outcome: result.outcome,
      method: 'vote',
      voteId: vote.id,
    });
    return {
      outcome: { amendmentId: vote.amendmentId, status: decided.result.amendment.status },
      events: [decided.event],
    };
  } catch (e) {
    if (e instanceof DomainError) return { outcome: { amendmentId: vote.amendmentId, error: e.message }, events: [] };
    throw e;
  }
}
