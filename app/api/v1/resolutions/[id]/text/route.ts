import { resolutionForUser } from '@/db/queries/resolutions';
import { currentParagraphs } from '@/usecases/reads/resolution-text';
import { readVersionText } from '@/usecases/languages/language-text';
import { endpoint } from '../../../_lib/endpoint';
import { resolutionParams, textQuery } from '../../schema';
import { presentParagraph } from '@/usecases/reads/resolutions';
import { languageContext, presentTranslatedParagraph } from '@/usecases/reads/languages';

export const GET = endpoint({ params: resolutionParams, query: textQuery }, async ({ db, user, params, query }) => {
  const { resolution } = await resolutionForUser(db, user.id, params.id);
  if (query.lang && query.lang !== resolution.language) {
    const version = await readVersionText(languageContext(db), user.id, {
      resolutionId: resolution.id,
      language: query.lang,
    });
    return {
      resolutionId: resolution.id,
      language: version.language,
      official: version.official,
      direction: version.direction,
      counts: version.counts,
      paragraphs: version.paragraphs.map(presentTranslatedParagraph),
    };
  }
  return {
    resolutionId: resolution.id,
    language: resolution.language,
    paragraphs: (await currentParagraphs(db, resolution.id)).map(presentParagraph),
  };
});
