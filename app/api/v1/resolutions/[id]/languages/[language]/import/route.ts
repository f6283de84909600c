import { importTranslation } from '@/usecases/languages/import-translation';
import { endpoint } from '../../../../../_lib/endpoint';
import { act } from '../../../../../_lib/act';
import { importTranslationBody, languageParams } from '../../../../../languages/schema';

export const POST = endpoint(
  { params: languageParams, body: importTranslationBody },
  async ({ db, user, params, body }) => {
    const match = await act(
      importTranslation,
      { db, user },
      { resolutionId: params.id, language: params.language, text: body.text },
    );
    return { imported: match.paragraphs.length, skipped: match.skipped, untranslated: match.untranslated };
  },
);
