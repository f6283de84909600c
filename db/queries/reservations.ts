import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../client';
import { delegations, footnotes, reservations, type Footnote, type Reservation } from '../schema';
import { isUuid } from './access';
import { notFound } from '../../lib/errors';

export interface ListedReservation {
  id: string;
  delegationId: string;
  delegation: string;
  paragraphId: string | null;
  kind: Reservation['kind'];
  text: string;
  /** The printed footnote it was imported from, and its place among the imported statements. */
  footnoteId: string | null;
  footnoteOrder: number | null;
  createdAt: Date;
  withdrawnAt: Date | null;
}

/**
 * A resolution's reservations in the order they were recorded (statements imported together
 * in the order they were printed); withdrawn ones only when asked.
 */
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
      footnoteId: reservations.footnoteId,
      footnoteOrder: reservations.footnoteOrder,
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
    .orderBy(asc(reservations.createdAt), asc(reservations.footnoteOrder), asc(reservations.id));
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

/** The footnotes an imported adopted text was printed with, in printed order. */
export function listPrintedFootnotes(db: Queryable, resolutionId: string): Promise<Footnote[]> {
  return db.select().from(footnotes).where(eq(footnotes.resolutionId, resolutionId)).orderBy(asc(footnotes.position));
}
