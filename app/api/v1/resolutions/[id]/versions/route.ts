import { resolutionForUser, versionsOf } from '@/usecases/reads/resolutions';
import * as resolutions from '@/usecases/resolutions';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams, versionBody } from '../../schema';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  return { versions: await versionsOf(db, resolution, access.actor) };
});

export const POST = endpoint({ params: resolutionParams, body: versionBody }, (ctx) =>
  act(resolutions.saveVersion, ctx, { resolutionId: ctx.params.id, name: ctx.body.name }),
);
