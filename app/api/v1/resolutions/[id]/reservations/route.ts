import { resolutionForUser } from '@/db/queries/resolutions';
import { listReservations } from '@/db/queries/reservations';
import * as reservations from '@/usecases/reservations';
import { currentParagraphs } from '@/usecases/reads/resolution-text';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams } from '../../schema';
import { reservationBody, reservationListQuery } from '../../../procedure/schema';
import { presentReservation } from '@/usecases/reads/reservations';

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

export const POST = endpoint({ params: resolutionParams, body: reservationBody }, async (ctx) => {
  const { reservation, paragraphs } = await act(reservations.recordReservation, ctx, {
    ...ctx.body,
    resolutionId: ctx.params.id,
  });
  const [listed] = (await listReservations(ctx.db, ctx.params.id)).filter((r) => r.id === reservation.id);
  return presentReservation(listed, paragraphs);
});
