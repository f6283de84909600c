import { addLanguage } from '@/usecases/languages/add-language';
import { listVersionSummaries } from '@/usecases/languages/language-text';
import { endpoint } from '../../../_lib/endpoint';
import { resolutionParams } from '../../schema';
import { addLanguageBody } from '../../../languages/schema';
import { act, languageContext, presentVersionSummary } from '../../../languages/act';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { original, versions } = await listVersionSummaries(languageContext(db), user.id, { resolutionId: params.id });
  return { original, versions: versions.map(presentVersionSummary) };
});

export const POST = endpoint(
  { params: resolutionParams, body: addLanguageBody },
  async ({ db, user, params, body }) => {
    const version = await act(addLanguage(languageContext(db), user.id, { resolutionId: params.id, ...body }));
    return {
      language: version.language,
      official: version.official,
      title: version.title,
      sessionLabel: version.sessionLabel,
      enactingFormula: version.enactingFormula,
    };
  },
);
