import {
  setTablingDeadline as storeDeadline,
  setVotingOrder as storeOrder,
} from '../../db/commands/amendment-schedule';
import { authorize, defineUseCase } from '../kernel/use-case';
import { resolutionActing } from './access';

/** The presiding officers set (or clear, with null) the time after which no amendment is tabled. */
export const setTablingDeadline = defineUseCase(
  'amendment.set-deadline',
  async ({ db }, actor, input: { resolutionId: string; deadline: Date | null }) => {
    const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    authorize(access.actor, 'amendment:set-deadline', { stage: access.stage });
    const row = await storeDeadline(db, {
      committeeId: resolution.committeeId,
      resolutionId: resolution.id,
      actorId: userId,
      deadline: input.deadline,
    });
    return {
      result: row,
      events: [
        {
          type: 'amendment.deadline_set',
          resolutionId: resolution.id,
          data: { deadline: row.tablingDeadline?.toISOString() ?? null },
        },
      ],
    };
  },
);

/** The chair puts the tabled amendments in the order they will be voted (null: the suggested order). */
export const setVotingOrder = defineUseCase(
  'amendment.set-voting-order',
  async ({ db }, actor, input: { resolutionId: string; order: string[] | null }) => {
    const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    authorize(access.actor, 'voting-order:set', { stage: access.stage });
    await storeOrder(db, {
      committeeId: resolution.committeeId,
      resolutionId: resolution.id,
      actorId: userId,
      order: input.order,
    });
    return {
      result: { resolution, actor: access.actor },
      events: [{ type: 'amendment.voting_order_set', resolutionId: resolution.id, data: {} }],
    };
  },
);
