import { resolutionForUser } from '@/db/queries/resolutions';
import { publishedDocumentOf } from '@/db/queries/publication';
import { publishResolution } from '@/db/commands/publication-publisher';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams } from '../../schema';
import { presentResolution } from '../../present';

export const POST = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(
    access.actor,
    'resolution:publish',
    { stage: access.stage },
    'The chair or the secretariat publishes an adopted resolution.',
  );
  const published = await publishResolution(db, {
    resolutionId: resolution.id,
    actorId: user.id,
    check: (tx) => publishedDocumentOf(tx, resolution),
  });
  publishProcedureEvent({ resolutionId: resolution.id, type: 'resolution.published', data: {} });
  return presentResolution(published);
});
