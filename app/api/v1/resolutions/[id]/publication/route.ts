import { resolutionForUser } from '@/db/queries/resolutions';
import { publishedDocumentOf } from '@/db/queries/publication';
import { publishResolution } from '@/db/commands/publication-publisher';
import { publishProcedureEvent } from '@/server/procedure-events';
import { checkOfficialVersions } from '@/usecases/languages/publication-gate';
import { badRequest } from '@/lib/errors';
import { endpoint, readJson } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams } from '../../schema';
import { presentResolution } from '../../present';
import { publicationBody } from '../../../procedure/schema';

/** The body is optional: publishing takes none unless the chair overrides. */
async function optionalBody(request: Request) {
  const hasBody = Number(request.headers.get('content-length') ?? 0) > 0 || request.headers.has('content-type');
  const parsed = publicationBody.safeParse(hasBody ? await readJson(request) : {});
  if (!parsed.success) throw badRequest('body', 'Invalid body: only {"overrideLanguages": true} is accepted.');
  return parsed.data;
}

export const POST = endpoint({ params: resolutionParams }, async ({ db, user, params, request }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(
    access.actor,
    'resolution:publish',
    { stage: access.stage },
    'The chair or the secretariat publishes an adopted resolution.',
  );
  const body = await optionalBody(request);
  const published = await publishResolution(db, {
    resolutionId: resolution.id,
    actorId: user.id,
    check: async (tx) => {
      await publishedDocumentOf(tx, resolution);
      await checkOfficialVersions(tx, resolution, { actor: access.actor, override: body.overrideLanguages });
    },
  });
  publishProcedureEvent({ resolutionId: resolution.id, type: 'resolution.published', data: {} });
  return presentResolution(published);
});
