import * as screen from '@/usecases/screen';
import { resolutionForUser } from '@/usecases/reads/resolutions';
import { screenOf } from '@/usecases/reads/screen';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams } from '../../schema';
import { screenContentBody } from '../../../screen/schema';

export const dynamic = 'force-dynamic';

/** What the room's screen shows; any reader of the resolution may look. */
export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  return Response.json(screenOf(resolution));
});

/** The chair or the secretariat puts something on it; every open screen follows. */
export const PUT = endpoint({ params: resolutionParams, body: screenContentBody }, async (ctx) =>
  Response.json(await act(screen.putOnScreen, ctx, { resolutionId: ctx.params.id, content: ctx.body })),
);
