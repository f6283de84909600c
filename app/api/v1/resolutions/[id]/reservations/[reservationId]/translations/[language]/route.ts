import { translateReservation } from '@/usecases/languages/translate-statement';
import { endpoint } from '../../../../../../_lib/endpoint';
import { act } from '../../../../../../_lib/act';
import { reservationTranslationBody, reservationTranslationParams } from '../../../../../../languages/schema';

export const PUT = endpoint(
  { params: reservationTranslationParams, body: reservationTranslationBody },
  async ({ db, user, params, body }) =>
    act(
      translateReservation,
      { db, user },
      { resolutionId: params.id, reservationId: params.reservationId, language: params.language, ...body },
    ),
);
