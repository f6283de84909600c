import { withdrawAmendment as storeWithdrawal } from '../../db/commands/amendment-tabler';
import { authorize, defineUseCase } from '../kernel/use-case';
import { amendmentActing } from './access';

/** The sponsoring delegation takes its amendment back; sub-amendments to it fall. */
export const withdrawAmendment = defineUseCase(
  'amendment.withdraw',
  async ({ db }, actor, input: { amendmentId: string; reason?: string }) => {
    const { access, subject, scope } = await amendmentActing(db, actor, input.amendmentId);
    authorize(
      access.actor,
      'amendment:withdraw',
      subject,
      'Only members of the sponsoring delegation may withdraw this amendment.',
    );
    const { amendment, fallen } = await storeWithdrawal(db, { ...scope, reason: input.reason });
    return {
      result: { amendment, fallen },
      events: [
        {
          type: 'amendment.withdrawn',
          resolutionId: scope.resolutionId,
          data: { amendmentId: amendment.id, number: amendment.number, fallen: fallen.map((f) => f.amendmentId) },
        },
      ],
    };
  },
);
