import { translateAmendment } from '@/usecases/languages/translate-statement';
import { endpoint } from '../../../../_lib/endpoint';
import { act } from '../../../../_lib/act';
import { amendmentTranslationBody, amendmentTranslationParams } from '../../../../languages/schema';

export const PUT = endpoint(
  { params: amendmentTranslationParams, body: amendmentTranslationBody },
  async ({ db, user, params, body }) =>
    act(
      translateAmendment,
      { db, user },
      { amendmentId: params.amendmentId, language: params.language, proposedText: body.proposedText },
    ),
);
