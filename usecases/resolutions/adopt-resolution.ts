import { declareAdoption, type AdoptionDeclaration } from '../../db/commands/adoption-declarer';
import { resolutionActing } from '../amendments/access';
import { authorize, defineUseCase } from '../kernel/use-case';

type Declaration = Pick<AdoptionDeclaration, 'method' | 'date' | 'place' | 'session'>;

/**
 * The chair declares the resolution adopted; the text is frozen as "As adopted" and open
 * editors become read-only (the events re-check every socket of the resolution).
 */
export const adoptResolution = defineUseCase(
  'resolution.adopt',
  async ({ db, text }, actor, input: { resolutionId: string } & Declaration) => {
    const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    authorize(
      access.actor,
      'resolution:adopt',
      { stage: access.stage },
      'Only the chair declares a resolution adopted.',
    );
    const adopted = await declareAdoption(db, {
      resolutionId: resolution.id,
      method: input.method,
      date: input.date,
      place: input.place,
      session: input.session,
      actorId: userId,
      state: await text.read(resolution.id),
    });
    return {
      result: adopted,
      events: [
        { type: 'resolution.adopted', resolutionId: resolution.id, data: { method: input.method } },
        { type: 'stage.changed', resolutionId: resolution.id, data: { from: resolution.stage, to: 'adopted' } },
      ],
    };
  },
);
