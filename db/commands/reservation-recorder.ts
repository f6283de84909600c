import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { delegations, reservations, resolutions, type Reservation } from '../schema';
import { recordAuditEvent } from './audit-recorder';
import type { StoredAdoption } from './adoption-declarer';
import { badRequest, conflict } from '../../lib/errors';
import type { ReservationKind } from '../../lib/resolution/types';

export interface ReservationRecording {
  resolutionId: string;
  delegationId: string;
  /** Stable paragraph id, or null for the resolution as a whole. */
  paragraphId: string | null;
  kind: ReservationKind;
  text: string;
  actorId: string;
  /** The paragraphs of the text the reservation is made on (adopted text once adopted). */
  paragraphIds: readonly string[];
}

/**
 * Why reservations can no longer be recorded or withdrawn, or null while they can: before
 * adoption and up to publication (delegations often state them when the text is adopted).
 */
export function reservationsClosed(resolution: { stage: string; adoption: unknown }): string | null {
  if (resolution.stage === 'withdrawn')
    return 'The resolution was withdrawn; reservations are no longer recorded on it.';
  if ((resolution.adoption as StoredAdoption | null)?.publishedAt)
    return 'The resolution is published; its reservations are final.';
  return null;
}

/** A delegation's reservation, dissociation or interpretative statement, on a paragraph or the whole text. */
export async function recordReservation(db: Db, r: ReservationRecording): Promise<Reservation> {
  if (r.paragraphId !== null && !r.paragraphIds.includes(r.paragraphId)) {
    throw badRequest(
      'paragraph',
      `There is no paragraph ${r.paragraphId} in the text; name a paragraph by its stable id, or none for the whole text.`,
      [{ path: 'body.paragraphId', message: 'not a paragraph of the text' }],
    );
  }
  return db.transaction(async (tx) => {
    // Locked so that a publication in the same instant cannot slip between check and insert.
    const [resolution] = await tx.select().from(resolutions).where(eq(resolutions.id, r.resolutionId)).for('update');
    const closed = resolution ? reservationsClosed(resolution) : 'The resolution no longer exists.';
    if (closed) throw conflict('reservation', closed);
    const [delegation] = await tx
      .select({ id: delegations.id, name: delegations.name })
      .from(delegations)
      .where(and(eq(delegations.id, r.delegationId), eq(delegations.committeeId, resolution.committeeId)));
    if (!delegation)
      throw badRequest('delegation', 'That delegation is not in this committee.', [
        { path: 'body.delegationId', message: 'not a delegation of this committee' },
      ]);
    const [row] = await tx
      .insert(reservations)
      .values({
        resolutionId: r.resolutionId,
        delegationId: r.delegationId,
        paragraphId: r.paragraphId,
        kind: r.kind,
        text: r.text,
        recordedBy: r.actorId,
      })
      .returning();
    await recordAuditEvent(tx, {
      committeeId: resolution.committeeId,
      resolutionId: r.resolutionId,
      actorId: r.actorId,
      action: 'reservation.recorded',
      details: {
        reservationId: row.id,
        delegation: delegation.name,
        paragraphId: r.paragraphId,
        kind: r.kind,
        text: r.text,
      },
    });
    return row;
  });
}
