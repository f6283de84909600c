import { updateLanguage } from '@/usecases/languages/add-language';
import { readVersionText } from '@/usecases/languages/language-text';
import { renderRedlineText } from '@/lib/amendments/redline';
import { endpoint } from '../../../../_lib/endpoint';
import { languageParams, updateLanguageBody } from '../../../../languages/schema';
import { act, languageContext, presentTranslatedParagraph } from '../../../../languages/act';

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
    const version = await act(
      updateLanguage(languageContext(db), user.id, { resolutionId: params.id, language: params.language, ...body }),
    );
    return {
      language: version.language,
      official: version.official,
      title: version.title,
      sessionLabel: version.sessionLabel,
      enactingFormula: version.enactingFormula,
    };
  },
);
