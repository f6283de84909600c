import { updateLanguage } from '@/usecases/languages/add-language';
import { readVersionText } from '@/usecases/languages/language-text';
import { renderRedlineText } from '@/lib/amendments/redline';
import { endpoint } from '../../../../_lib/endpoint';
import { act } from '../../../../_lib/act';
import { languageParams, updateLanguageBody } from '../../../../languages/schema';
import { languageContext, presentTranslatedParagraph } from '@/usecases/reads/languages';

export const GET = endpoint({ params: languageParams }, async ({ db, user, params }) => {
  const version = await readVersionText(languageContext(db), user.id, {
    resolutionId: params.id,
    language: params.language,
  });
  return {
    ...version,
    paragraphs: version.paragraphs.map(presentTranslatedParagraph),
    statements: version.statements.map(({ originalChange, ...s }) => ({
      ...s,
      ...(originalChange ? { originalChange: renderRedlineText(originalChange) } : {}),
    })),
  };
});

export const PATCH = endpoint(
  { params: languageParams, body: updateLanguageBody },
  async ({ db, user, params, body }) => {
    const v = await act(updateLanguage, { db, user }, { resolutionId: params.id, language: params.language, ...body });
    return {
      language: v.language,
      official: v.official,
      title: v.title,
      sessionLabel: v.sessionLabel,
      enactingFormula: v.enactingFormula,
    };
  },
);
