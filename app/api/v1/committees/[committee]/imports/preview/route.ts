import { committeeForUser } from '@/db/queries/committees';
import { previewImport } from '@/db/commands/resolution-importer';
import { importSourceText } from '@/lib/resolution/import-source';
import { docxReader } from '@/server/docx-reader';
import { numberParagraphs } from '@/lib/resolution/numbering';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { committeeParams } from '../../../schema';
import { importPreviewBody } from '../../../../resolutions/schema';
import { presentParagraph } from '../../../../resolutions/present';

export const POST = endpoint(
  { params: committeeParams, body: importPreviewBody },
  async ({ db, user, params, body }) => {
    const { actor } = await committeeForUser(db, user.id, params.committee);
    authorize(actor, 'resolution:create');
    const text = await importSourceText(body, docxReader());
    const { parsed, warnings } = previewImport(text);
    const count = (kind: string) => parsed.paragraphs.filter((p) => p.kind === kind).length;
    return Response.json({
      text,
      heading: parsed.heading,
      adoption: parsed.adoption,
      enactingFormula: parsed.enactingFormula,
      paragraphs: numberParagraphs(parsed.paragraphs).map(presentParagraph),
      counts: { preambular: count('preambular'), operative: count('operative'), subparagraph: count('subparagraph') },
      reservations: parsed.reservations,
      warnings,
    });
  },
);
