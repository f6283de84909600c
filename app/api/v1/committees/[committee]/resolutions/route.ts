import { committeeForUser } from '@/db/queries/committees';
import { listResolutions } from '@/db/queries/resolutions';
import { importResolution } from '@/db/commands/resolution-importer';
import { createBlankResolution } from '@/db/commands/blank-resolution-creator';
import { importSourceText } from '@/lib/resolution/import-source';
import { docxReader } from '@/server/docx-reader';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { committeeParams } from '../../schema';
import { createResolutionBody } from '../../../resolutions/schema';
import { presentResolution } from '../../../resolutions/present';

export const GET = endpoint({ params: committeeParams }, async ({ db, user, params }) => {
  const { committee } = await committeeForUser(db, user.id, params.committee);
  return { resolutions: (await listResolutions(db, committee.id)).map(presentResolution) };
});

export const POST = endpoint(
  { params: committeeParams, body: createResolutionBody },
  async ({ db, user, params, body }) => {
    const { committee, actor } = await committeeForUser(db, user.id, params.committee);
    authorize(actor, 'resolution:create');
    if (body.text === undefined && body.file === undefined) {
      return presentResolution(
        await createBlankResolution(db, { committeeId: committee.id, actorId: user.id, title: body.title! }),
      );
    }
    const text = await importSourceText(body, docxReader());
    const outcome = await importResolution(db, {
      committeeId: committee.id,
      actorId: user.id,
      text,
      title: body.title,
      asAdopted: body.asAdopted,
      createDelegations: body.createDelegations,
    });
    return { ...presentResolution(outcome.resolution), warnings: outcome.warnings };
  },
);
