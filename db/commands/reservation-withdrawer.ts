import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { reservations, resolutions, type Reservation } from '../schema';
import { recordAuditEvent } from './audit-recorder';
import { reservationsClosed } from './reservation-recorder';
import { conflict, notFound } from '../../lib/errors';

/** Its delegation (or the secretariat) withdraws a reservation; the row stays, marked withdrawn, for the record. */
export async function withdrawReservation(
  db: Db,
  props: { reservationId: string; actorId: string },
): Promise<Reservation> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(reservations).where(eq(reservations.id, props.reservationId));
    if (!existing) throw notFound('reservation');
    const [resolution] = await tx
      .select()
      .from(resolutions)
      .where(eq(resolutions.id, existing.resolutionId))
      .for('update');
    const closed = reservationsClosed(resolution);
    if (closed) throw conflict('reservation', closed);
    if (existing.withdrawnAt) throw conflict('reservation', 'This reservation was already withdrawn.');
    const [row] = await tx
      .update(reservations)
      .set({ withdrawnAt: sql`now()` })
      .where(eq(reservations.id, existing.id))
      .returning();
    await recordAuditEvent(tx, {
      committeeId: resolution.committeeId,
      resolutionId: resolution.id,
      actorId: props.actorId,
      action: 'reservation.withdrawn',
      details: { reservationId: existing.id, delegationId: existing.delegationId },
    });
    return row;
  });
}
