import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../client';
import { delegations, reservations, type Reservation } from '../schema';
import { isUuid } from './access';
import { notFound } from '../../lib/errors';

export interface ListedReservation {
  id: string;
  delegationId: string;
  delegation: string;
  paragraphId: string | null;
  kind: Reservation['kind'];
  text: string;
  createdAt: Date;
  withdrawnAt: Date | null;
}

/** A resolution's reservations in the order they were recorded; withdrawn ones only when asked. */
export async function listReservations(
  db: Queryable,
  resolutionId: string,
  opts: { withdrawn?: boolean } = {},
): Promise<ListedReservation[]> {
  return db
    .select({
      id: reservations.id,
      delegationId: reservations.delegationId,
      delegation: delegations.name,
      paragraphId: reservations.paragraphId,
      kind: reservations.kind,
      text: reservations.text,
      createdAt: reservations.createdAt,
      withdrawnAt: reservations.withdrawnAt,
    })
    .from(reservations)
    .innerJoin(delegations, eq(delegations.id, reservations.delegationId))
    .where(
      opts.withdrawn
        ? eq(reservations.resolutionId, resolutionId)
        : and(eq(reservations.resolutionId, resolutionId), isNull(reservations.withdrawnAt)),
    )
    .orderBy(asc(reservations.createdAt), asc(reservations.id));
}

export async function getReservation(db: Queryable, resolutionId: string, reservationId: string): Promise<Reservation> {
  if (!isUuid(reservationId)) throw notFound('reservation');
  const [row] = await db
    .select()
    .from(reservations)
    .where(and(eq(reservations.id, reservationId), eq(reservations.resolutionId, resolutionId)));
  if (!row) throw notFound('reservation');
  return row;
}
