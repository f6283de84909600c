import * as resolutions from '@/usecases/resolutions';
import { badRequest } from '@/lib/errors';
import { endpoint, readJson } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams } from '../../schema';
import { presentResolution } from '@/usecases/reads/resolutions';
import { publicationBody } from '../../../procedure/schema';

/** The body is optional: publishing takes none unless the chair overrides. */
async function optionalBody(request: Request) {
  const hasBody = Number(request.headers.get('content-length') ?? 0) > 0 || request.headers.has('content-type');
  const parsed = publicationBody.safeParse(hasBody ? await readJson(request) : {});
  if (!parsed.success) throw badRequest('body', 'Invalid body: only {"overrideLanguages": true} is accepted.');
  return parsed.data;
}

export const POST = endpoint({ params: resolutionParams }, async (ctx) => {
  const body = await optionalBody(ctx.request);
  const published = await act(resolutions.publish, ctx, { resolutionId: ctx.params.id, ...body });
  return presentResolution(published);
});
