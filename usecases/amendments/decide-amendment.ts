import type { DecisionMethod } from '../../db/commands/amendment-decider';
import { authorize, defineUseCase } from '../kernel/use-case';
import { amendmentActing } from './access';
import { applyDecision } from './amendment-adoption';

export interface DecideInput {
  amendmentId: string;
  outcome: 'adopted' | 'rejected';
  method?: DecisionMethod;
  voteId?: string | null;
}

/** The presiding officers record the committee's decision; an adopted amendment changes the text. */
export const decideAmendment = defineUseCase('amendment.decide', async (ctx, actor, input: DecideInput) => {
  const { access, subject, scope } = await amendmentActing(ctx.db, actor, input.amendmentId);
  authorize(
    access.actor,
    'amendment:decide',
    subject,
    'Only the chair or the secretariat records decisions on amendments.',
  );
  const { result, event } = await applyDecision(ctx, {
    ...scope,
    outcome: input.outcome,
    method: input.method ?? 'consensus',
    voteId: input.voteId,
  });
  return { result, events: [event] };
});
