import * as reservations from '@/usecases/reservations';
import { endpoint } from '../../../../_lib/endpoint';
import { act } from '../../../../_lib/act';
import { reservationParams } from '../../../../procedure/schema';

/** Withdrawal: the reservation stays in the record, marked withdrawn, and leaves the published text. */
export const DELETE = endpoint({ params: reservationParams }, async (ctx) => {
  const row = await act(reservations.withdrawReservation, ctx, {
    resolutionId: ctx.params.id,
    reservationId: ctx.params.reservationId,
  });
  return { id: row.id, withdrawnAt: row.withdrawnAt };
});
