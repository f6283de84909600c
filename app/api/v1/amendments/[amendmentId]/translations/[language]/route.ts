import { translateAmendment } from '@/usecases/languages/translate-statement';
import { endpoint } from '../../../../_lib/endpoint';
import { amendmentTranslationBody, amendmentTranslationParams } from '../../../../languages/schema';
import { act, languageContext } from '../../../../languages/act';

export const PUT = endpoint(
  { params: amendmentTranslationParams, body: amendmentTranslationBody },
  async ({ db, user, params, body }) =>
    act(
      translateAmendment(languageContext(db), user.id, {
        amendmentId: params.amendmentId,
        language: params.language,
        proposedText: body.proposedText,
      }),
    ),
);
