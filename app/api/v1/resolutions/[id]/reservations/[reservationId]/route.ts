import { resolutionForUser } from '@/db/queries/resolutions';
import { getReservation } from '@/db/queries/reservations';
import { withdrawReservation } from '@/db/commands/reservation-withdrawer';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { reservationParams } from '../../../../procedure/schema';

/** Withdrawal: the reservation stays in the record, marked withdrawn, and leaves the published text. */
export const DELETE = endpoint({ params: reservationParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const reservation = await getReservation(db, resolution.id, params.reservationId);
  authorize(
    access.actor,
    'reservation:withdraw',
    { stage: access.stage, delegationId: reservation.delegationId },
    'A reservation is withdrawn by its delegation or by the secretariat.',
  );
  const row = await withdrawReservation(db, { reservationId: reservation.id, actorId: user.id });
  publishProcedureEvent({
    resolutionId: resolution.id,
    type: 'reservation.withdrawn',
    data: { reservationId: row.id },
  });
  return { id: row.id, withdrawnAt: row.withdrawnAt };
});
