import { resolutionForUser } from '@/db/queries/resolutions';
import { currentParagraphs } from '@/server/resolution-text';
import { renderDraftText } from '@/lib/resolution/plaintext';
import { endpoint } from '../../../_lib/endpoint';
import { exportQuery, resolutionParams } from '../../schema';

export const GET = endpoint({ params: resolutionParams, query: exportQuery }, async ({ db, user, params }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  const paragraphs = await currentParagraphs(db, resolution.id);
  const text = renderDraftText({ heading: null, enactingFormula: resolution.enactingFormula, paragraphs });
  return new Response(text, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `inline; filename="resolution-${resolution.id}.txt"`,
    },
  });
});
