import { confirmParagraph } from '@/usecases/languages/translate-paragraph';
import { endpoint } from '../../../../../../../_lib/endpoint';
import { languageParagraphParams } from '../../../../../../../languages/schema';
import { act, languageContext, presentTranslatedParagraph } from '../../../../../../../languages/act';

export const POST = endpoint({ params: languageParagraphParams }, async ({ db, user, params }) =>
  presentTranslatedParagraph(
    await act(
      confirmParagraph(languageContext(db), user.id, {
        resolutionId: params.id,
        language: params.language,
        paragraphId: params.paragraphId,
      }),
    ),
  ),
);
