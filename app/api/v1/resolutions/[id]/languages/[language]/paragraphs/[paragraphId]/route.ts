import { translateParagraph } from '@/usecases/languages/translate-paragraph';
import { endpoint } from '../../../../../../_lib/endpoint';
import { languageParagraphParams, paragraphTranslationBody } from '../../../../../../languages/schema';
import { act, languageContext, presentTranslatedParagraph } from '../../../../../../languages/act';

export const PUT = endpoint(
  { params: languageParagraphParams, body: paragraphTranslationBody },
  async ({ db, user, params, body }) =>
    presentTranslatedParagraph(
      await act(
        translateParagraph(languageContext(db), user.id, {
          resolutionId: params.id,
          language: params.language,
          paragraphId: params.paragraphId,
          text: body.text,
        }),
      ),
    ),
);
