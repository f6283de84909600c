import { resolutionForUser } from '@/db/queries/resolutions';
import { currentParagraphs } from '@/usecases/reads/resolution-text';
import { endpoint } from '../../_lib/endpoint';
import { resolutionParams } from '../schema';
import { presentParagraph, presentResolution } from '@/usecases/reads/resolutions';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const paragraphs = await currentParagraphs(db, resolution.id);
  return {
    ...presentResolution(resolution),
    yourRole: access.actor.role,
    paragraphs: paragraphs.map(presentParagraph),
  };
});
