import { listVersions, resolutionForUser } from '@/db/queries/resolutions';
import { saveVersion } from '@/db/commands/version-saver';
import { currentState } from '@/server/resolution-text';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams, versionBody } from '../../schema';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  return { versions: await listVersions(db, resolution.id) };
});

export const POST = endpoint({ params: resolutionParams, body: versionBody }, async ({ db, user, params, body }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(access.actor, 'version:create', { stage: access.stage });
  return saveVersion(db, {
    resolutionId: resolution.id,
    name: body.name,
    state: await currentState(db, resolution.id),
    actorId: user.id,
  });
});
