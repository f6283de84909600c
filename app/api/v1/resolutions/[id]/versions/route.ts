import { listVersions, resolutionForUser } from '@/db/queries/resolutions';
import * as resolutions from '@/usecases/resolutions';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams, versionBody } from '../../schema';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  return { versions: await listVersions(db, resolution.id) };
});

export const POST = endpoint({ params: resolutionParams, body: versionBody }, (ctx) =>
  act(resolutions.saveVersion, ctx, { resolutionId: ctx.params.id, name: ctx.body.name }),
);
