import { resolutionForUser } from '@/db/queries/resolutions';
import { putOnScreen, screenOf } from '@/server/screen-state';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams } from '../../schema';
import { screenContentBody } from '../../../screen/schema';

export const dynamic = 'force-dynamic';

/** What the room's screen shows; any reader of the resolution may look. */
export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  return Response.json(screenOf(resolution.id));
});

/** The chair or the secretariat puts something on it; every open screen follows. */
export const PUT = endpoint(
  { params: resolutionParams, body: screenContentBody },
  async ({ db, user, params, body }) => {
    const { resolution, access } = await resolutionForUser(db, user.id, params.id);
    authorize(access.actor, 'screen:steer', { stage: access.stage });
    return Response.json(putOnScreen(resolution.id, body));
  },
);
