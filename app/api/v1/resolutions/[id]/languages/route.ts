import { addLanguage } from '@/usecases/languages/add-language';
import { listVersionSummaries } from '@/usecases/languages/language-text';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams } from '../../schema';
import { addLanguageBody } from '../../../languages/schema';
import { languageContext, presentVersionSummary } from '@/usecases/reads/languages';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { original, versions } = await listVersionSummaries(languageContext(db), user.id, { resolutionId: params.id });
  return { original, versions: versions.map(presentVersionSummary) };
});

export const POST = endpoint(
  { params: resolutionParams, body: addLanguageBody },
  async ({ db, user, params, body }) => {
    const v = await act(addLanguage, { db, user }, { resolutionId: params.id, ...body });
    return {
      language: v.language,
      official: v.official,
      title: v.title,
      sessionLabel: v.sessionLabel,
      enactingFormula: v.enactingFormula,
    };
  },
);
