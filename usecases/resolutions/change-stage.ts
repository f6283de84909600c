import { changeStage as storeStage } from '../../db/commands/stage-changer';
import type { Stage } from '../../lib/resolution/types';
import { resolutionActing } from '../amendments/access';
import { authorize, defineUseCase } from '../kernel/use-case';

/**
 * The presiding officers move the resolution to another stage. Its event re-checks every
 * open socket of the resolution (who may write changes with the stage).
 */
export const changeStage = defineUseCase(
  'resolution.change-stage',
  async ({ db, text }, actor, input: { resolutionId: string; to: Stage }) => {
    const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    authorize(access.actor, 'resolution:change-stage', { stage: access.stage });
    const changed = await storeStage(db, {
      resolution,
      to: input.to,
      actorId: userId,
      state: await text.read(resolution.id),
    });
    return {
      result: changed,
      events: [
        { type: 'stage.changed', resolutionId: resolution.id, data: { from: resolution.stage, to: changed.stage } },
      ],
    };
  },
);
