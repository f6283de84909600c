import { getVersion, resolutionForUser } from '@/db/queries/resolutions';
import { decodeParagraphs } from '@/lib/text/ydoc';
import { numberParagraphs } from '@/lib/resolution/numbering';
import { endpoint } from '../../../../_lib/endpoint';
import { versionParams } from '../../../schema';
import { presentParagraph } from '@/usecases/reads/resolutions';

export const GET = endpoint({ params: versionParams }, async ({ db, user, params }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  const version = await getVersion(db, resolution.id, params.versionId);
  return {
    id: version.id,
    name: version.name,
    reason: version.reason,
    createdAt: version.createdAt,
    paragraphs: numberParagraphs(decodeParagraphs(version.state)).map(presentParagraph),
  };
});
