import { answerCoSponsorship as storeAnswer } from '../../db/commands/amendment-drafter';
import { authorize, defineUseCase } from '../kernel/use-case';
import { amendmentActing } from './access';

/**
 * Consent: a delegation invited to co-sponsor is listed and printed only once one of its
 * members accepts (issue 11). A member answers for their own delegation; declining removes
 * the invitation and with it the delegation's access to the draft.
 */
export const answerCoSponsorship = defineUseCase(
  'amendment.answer-cosponsorship',
  async ({ db }, actor, input: { amendmentId: string; accept: boolean }) => {
    const { access, subject, scope, amendment } = await amendmentActing(db, actor, input.amendmentId);
    authorize(
      access.actor,
      'amendment:answer-cosponsorship',
      { ...subject, invitedDelegationIds: amendment.invitedCoSponsorDelegationIds },
      'Only a member of the invited delegation accepts or declines its invitation to co-sponsor.',
    );
    const delegationId = access.actor.delegationId as string;
    const updated = await storeAnswer(db, { ...scope, delegationId, accept: input.accept });
    return {
      result: { amendment: updated, delegationId },
      events: [
        {
          type: input.accept ? 'amendment.cosponsor_accepted' : 'amendment.cosponsor_declined',
          resolutionId: scope.resolutionId,
          data: { amendmentId: updated.id, delegationId },
        },
      ],
    };
  },
);
