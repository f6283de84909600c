import { keepScreen } from '../../db/commands/screen-keeper';
import type { ScreenContent, ScreenState } from '../../lib/screen/content';
import { resolutionActing } from '../amendments/access';
import { authorize, defineUseCase } from '../kernel/use-case';

/**
 * The chair or the secretariat puts one thing on the room's screen. The state is kept with
 * the resolution (every process reads the same, a screen opened later too) and the
 * "screen.changed" event carries it to every open screen, on every process (Redis when
 * configured). Presentation, not the record: nothing is audited.
 */
export const putOnScreen = defineUseCase(
  'screen.put',
  async ({ db }, actor, input: { resolutionId: string; content: ScreenContent }) => {
    const { resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    authorize(
      access.actor,
      'screen:steer',
      { stage: access.stage },
      "Only the chair or the secretariat chooses what the room's screen shows.",
    );
    const screen: ScreenState = await keepScreen(db, resolution.id, {
      content: input.content,
      setAt: new Date().toISOString(),
    });
    return { result: screen, events: [{ type: 'screen.changed', resolutionId: resolution.id, data: { screen } }] };
  },
);
