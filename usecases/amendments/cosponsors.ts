import {
  inviteCoSponsor as storeInvitation,
  removeCoSponsor as storeRemoval,
} from '../../db/commands/amendment-drafter';
import { authorize, defineUseCase } from '../kernel/use-case';
import { amendmentActing } from './access';

/** The sponsor (or a co-sponsor, or the secretariat) invites another delegation to co-sponsor. */
export const inviteCoSponsor = defineUseCase(
  'amendment.invite-cosponsor',
  async ({ db }, actor, input: { amendmentId: string; delegationId: string }) => {
    const { access, subject, scope } = await amendmentActing(db, actor, input.amendmentId);
    authorize(
      access.actor,
      'amendment:edit',
      subject,
      'Only the sponsoring or a co-sponsoring delegation (or the secretariat) may invite co-sponsors.',
    );
    const updated = await storeInvitation(db, { ...scope, delegationId: input.delegationId });
    return {
      result: updated,
      events: [
        {
          type: 'amendment.cosponsor_invited',
          resolutionId: scope.resolutionId,
          data: { amendmentId: updated.id, delegationId: input.delegationId },
        },
      ],
    };
  },
);

/**
 * The sponsor drops a co-sponsor, or a co-sponsor leaves. Its members lose the draft: their
 * editing sockets close (the "amendment.cosponsor_removed" event re-checks the draft room).
 */
export const removeCoSponsor = defineUseCase(
  'amendment.remove-cosponsor',
  async ({ db }, actor, input: { amendmentId: string; delegationId: string }) => {
    const { access, subject, scope } = await amendmentActing(db, actor, input.amendmentId);
    authorize(
      access.actor,
      'amendment:remove-cosponsor',
      { ...subject, coSponsorRemoved: input.delegationId },
      'The sponsoring delegation (or the secretariat) removes co-sponsors; a co-sponsor only itself.',
    );
    const updated = await storeRemoval(db, { ...scope, delegationId: input.delegationId });
    return {
      result: updated,
      events: [
        {
          type: 'amendment.cosponsor_removed',
          resolutionId: scope.resolutionId,
          data: { amendmentId: updated.id, delegationId: input.delegationId },
        },
      ],
    };
  },
);
