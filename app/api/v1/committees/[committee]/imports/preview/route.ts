import { committeeForUser } from '@/db/queries/committees';
import { previewImportFor } from '@/db/commands/resolution-importer';
import { importSourceText } from '@/lib/resolution/import-source';
import { docxReader } from '@/server/docx-reader';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { committeeParams } from '../../../schema';
import { importPreviewBody } from '../../../../resolutions/schema';
import { presentImportPreview } from '@/usecases/reads/import-preview';

export const POST = endpoint(
  { params: committeeParams, body: importPreviewBody },
  async ({ db, user, params, body }) => {
    const { committee, actor } = await committeeForUser(db, user.id, params.committee);
    authorize(actor, 'resolution:create');
    const text = await importSourceText(body, docxReader());
    return Response.json(presentImportPreview(text, await previewImportFor(db, committee.id, text)));
  },
);
