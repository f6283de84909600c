import { resolutionForUser } from '@/db/queries/resolutions';
import { currentParagraphs } from '@/server/resolution-text';
import { endpoint } from '../../../_lib/endpoint';
import { resolutionParams } from '../../schema';
import { presentParagraph } from '../../present';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  return {
    resolutionId: resolution.id,
    paragraphs: (await currentParagraphs(db, resolution.id)).map(presentParagraph),
  };
});
