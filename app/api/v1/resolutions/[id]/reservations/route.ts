import { resolutionForUser } from '@/db/queries/resolutions';
import { listReservations } from '@/db/queries/reservations';
import { recordReservation } from '@/db/commands/reservation-recorder';
import { currentParagraphs } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { badRequest } from '@/lib/errors';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams } from '../../schema';
import { reservationBody, reservationListQuery } from '../../../procedure/schema';
import { presentReservation } from '../../../procedure/present';

export const GET = endpoint(
  { params: resolutionParams, query: reservationListQuery },
  async ({ db, user, params, query }) => {
    const { resolution } = await resolutionForUser(db, user.id, params.id);
    const [rows, paragraphs] = await Promise.all([
      listReservations(db, resolution.id, { withdrawn: query.withdrawn === 'true' }),
      currentParagraphs(db, resolution.id),
    ]);
    return { reservations: rows.map((r) => presentReservation(r, paragraphs)) };
  },
);

export const POST = endpoint(
  { params: resolutionParams, body: reservationBody },
  async ({ db, user, params, body }) => {
    const { resolution, access } = await resolutionForUser(db, user.id, params.id);
    const delegationId = body.delegationId ?? access.actor.delegationId;
    authorize(
      access.actor,
      'reservation:record',
      { stage: access.stage, delegationId: delegationId ?? undefined },
      'Reservations are recorded by a member for their own delegation, or by the secretariat.',
    );
    if (!delegationId)
      throw badRequest('delegation', 'Give delegationId: the delegation making the reservation.', [
        { path: 'body.delegationId', message: 'required' },
      ]);
    const paragraphs = await currentParagraphs(db, resolution.id);
    const row = await recordReservation(db, {
      resolutionId: resolution.id,
      delegationId,
      paragraphId: body.paragraphId,
      kind: body.kind,
      text: body.text,
      actorId: user.id,
      paragraphIds: paragraphs.map((p) => p.id),
    });
    publishProcedureEvent({
      resolutionId: resolution.id,
      type: 'reservation.recorded',
      data: { reservationId: row.id },
    });
    const [listed] = (await listReservations(db, resolution.id)).filter((r) => r.id === row.id);
    return presentReservation(listed, paragraphs);
  },
);
