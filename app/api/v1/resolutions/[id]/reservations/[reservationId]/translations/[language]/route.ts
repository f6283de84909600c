import { translateReservation } from '@/usecases/languages/translate-statement';
import { endpoint } from '../../../../../../_lib/endpoint';
import { reservationTranslationBody, reservationTranslationParams } from '../../../../../../languages/schema';
import { act, languageContext } from '../../../../../../languages/act';

export const PUT = endpoint(
  { params: reservationTranslationParams, body: reservationTranslationBody },
  async ({ db, user, params, body }) =>
    act(
      translateReservation(languageContext(db), user.id, {
        resolutionId: params.id,
        reservationId: params.reservationId,
        language: params.language,
        ...body,
      }),
    ),
);
