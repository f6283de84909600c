import { translateParagraph } from '@/usecases/languages/translate-paragraph';
import { endpoint } from '../../../../../../_lib/endpoint';
import { act } from '../../../../../../_lib/act';
import { languageParagraphParams, paragraphTranslationBody } from '../../../../../../languages/schema';
import { presentTranslatedParagraph } from '@/usecases/reads/languages';

export const PUT = endpoint(
  { params: languageParagraphParams, body: paragraphTranslationBody },
  async ({ db, user, params, body }) =>
    presentTranslatedParagraph(
      await act(
        translateParagraph,
        { db, user },
        { resolutionId: params.id, language: params.language, paragraphId: params.paragraphId, text: body.text },
      ),
    ),
);
