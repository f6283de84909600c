import { eq } from 'drizzle-orm';
import { committees } from '@/db/schema';
import { resolutionForUser } from '@/db/queries/resolutions';
import { renderCompilationDocx } from '@/lib/amendments/compilation-docx';
import { renderCompilationHtml } from '@/lib/amendments/compilation-html';
import { renderCompilationPdf } from '@/lib/amendments/compilation-pdf';
import { endpoint } from '../../../../_lib/endpoint';
import { resolutionParams } from '../../../../resolutions/schema';
import { exportQuery } from '../../../../amendments/schema';
import { compilationDocument } from '../../../../amendments/compilation-export';

const TYPES = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export const GET = endpoint({ params: resolutionParams, query: exportQuery }, async ({ db, user, params, query }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const [committee] = await db.select().from(committees).where(eq(committees.id, resolution.committeeId));
  const doc = await compilationDocument(db, resolution, committee.name, access.actor);
  const body =
    query.format === 'docx'
      ? await renderCompilationDocx(doc)
      : query.format === 'pdf'
        ? await renderCompilationPdf(doc)
        : renderCompilationHtml(doc);
  return new Response(body as BodyInit, {
    headers: {
      'content-type': TYPES[query.format],
      'content-disposition': `${query.format === 'html' ? 'inline' : 'attachment'}; filename="amendments-${resolution.id}.${query.format}"`,
    },
  });
});
