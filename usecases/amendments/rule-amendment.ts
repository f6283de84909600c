import { ruleInadmissible } from '../../db/commands/amendment-tabler';
import { authorize, defineUseCase } from '../kernel/use-case';
import { amendmentActing } from './access';

/** The chair rules a tabled amendment out of order, with the reason shown beside it. */
export const ruleAmendment = defineUseCase(
  'amendment.rule',
  async ({ db }, actor, input: { amendmentId: string; reason: string }) => {
    const { access, subject, scope } = await amendmentActing(db, actor, input.amendmentId);
    authorize(access.actor, 'amendment:rule', subject, 'Only the chair rules on the admissibility of amendments.');
    const { amendment, fallen } = await ruleInadmissible(db, { ...scope, reason: input.reason });
    return {
      result: { amendment, fallen },
      events: [
        {
          type: 'amendment.ruled',
          resolutionId: scope.resolutionId,
          data: { amendmentId: amendment.id, number: amendment.number, fallen: fallen.map((f) => f.amendmentId) },
        },
      ],
    };
  },
);
