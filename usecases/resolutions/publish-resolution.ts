import { publishResolution as storePublication } from '../../db/commands/publication-publisher';
import { publishedDocumentOf } from '../../db/queries/publication';
import { resolutionActing } from '../amendments/access';
import { authorize, defineUseCase } from '../kernel/use-case';
import { checkOfficialVersions } from '../languages/publication-gate';

/**
 * The presiding officers publish an adopted resolution: the document and its official
 * language versions are checked (the chair may override the languages), then fixed.
 */
export const publishResolution = defineUseCase(
  'resolution.publish',
  async ({ db }, actor, input: { resolutionId: string; overrideLanguages?: boolean }) => {
    const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    authorize(
      access.actor,
      'resolution:publish',
      { stage: access.stage },
      'The chair or the secretariat publishes an adopted resolution.',
    );
    const published = await storePublication(db, {
      resolutionId: resolution.id,
      actorId: userId,
      check: async (tx) => {
        await publishedDocumentOf(tx, resolution);
        await checkOfficialVersions(tx, resolution, {
          actor: access.actor,
          override: input.overrideLanguages ?? false,
        });
      },
    });
    return { result: published, events: [{ type: 'resolution.published', resolutionId: resolution.id, data: {} }] };
  },
);
