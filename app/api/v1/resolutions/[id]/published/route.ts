import { resolutionForUser } from '@/db/queries/resolutions';
import { publishedDocumentOf } from '@/db/queries/publication';
import type { StoredAdoption } from '@/db/commands/adoption-declarer';
import { renderPublishedText } from '@/lib/publication/plain-text';
import { endpoint } from '../../../_lib/endpoint';
import { resolutionParams } from '../../schema';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  const doc = await publishedDocumentOf(db, resolution);
  const adoption = resolution.adoption as StoredAdoption;
  return {
    resolutionId: resolution.id,
    publishedAt: adoption.publishedAt ?? null,
    document: doc,
    text: renderPublishedText(doc),
  };
});
