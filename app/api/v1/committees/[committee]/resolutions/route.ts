import { committeeForUser } from '@/db/queries/committees';
import { listResolutions } from '@/db/queries/resolutions';
import * as resolutions from '@/usecases/resolutions';
import { importSourceText } from '@/lib/resolution/import-source';
import { docxReader } from '@/server/docx-reader';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { committeeParams } from '../../schema';
import { createResolutionBody } from '../../../resolutions/schema';
import { presentResolution } from '@/usecases/reads/resolutions';

export const GET = endpoint({ params: committeeParams }, async ({ db, user, params }) => {
  const { committee } = await committeeForUser(db, user.id, params.committee);
  return { resolutions: (await listResolutions(db, committee.id)).map(presentResolution) };
});

export const POST = endpoint({ params: committeeParams, body: createResolutionBody }, async (ctx) => {
  const { body } = ctx;
  // A .docx is read to text here, under the reader's bounds; the use case takes text.
  const text =
    body.text === undefined && body.file === undefined ? undefined : await importSourceText(body, docxReader());
  const { resolution, warnings, parsed } = await act(resolutions.createResolution, ctx, {
    committee: ctx.params.committee,
    title: body.title,
    text,
    asAdopted: body.asAdopted,
    createDelegations: body.createDelegations,
  });
  return parsed ? { ...presentResolution(resolution), warnings } : presentResolution(resolution);
});
