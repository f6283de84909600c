import { importTranslation } from '@/usecases/languages/import-translation';
import { endpoint } from '../../../../../_lib/endpoint';
import { importTranslationBody, languageParams } from '../../../../../languages/schema';
import { act, languageContext } from '../../../../../languages/act';

export const POST = endpoint(
  { params: languageParams, body: importTranslationBody },
  async ({ db, user, params, body }) => {
    const match = await act(
      importTranslation(languageContext(db), user.id, {
        resolutionId: params.id,
        language: params.language,
        text: body.text,
      }),
    );
    return {
      imported: match.paragraphs.length,
      skipped: match.skipped,
      untranslated: match.untranslated,
    };
  },
);
