import { resolutionForUser } from '@/usecases/reads/resolutions';
import { listReservations } from '@/db/queries/reservations';
import * as reservations from '@/usecases/reservations';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams } from '../../schema';
import { reservationBody, reservationListQuery } from '../../../procedure/schema';
import { presentReservation, reservationsOf, reservationViewer } from '@/usecases/reads/reservations';

export const GET = endpoint(
  { params: resolutionParams, query: reservationListQuery },
  async ({ db, user, params, query }) => {
    const { resolution, access } = await resolutionForUser(db, user.id, params.id);
    return { reservations: await reservationsOf(db, resolution, access, { withdrawn: query.withdrawn === 'true' }) };
  },
);

export const POST = endpoint({ params: resolutionParams, body: reservationBody }, async (ctx) => {
  const { reservation, paragraphs } = await act(reservations.recordReservation, ctx, {
    ...ctx.body,
    resolutionId: ctx.params.id,
  });
  const [[listed], { resolution, access }] = await Promise.all([
    listReservations(ctx.db, ctx.params.id).then((rows) => rows.filter((r) => r.id === reservation.id)),
    resolutionForUser(ctx.db, ctx.user.id, ctx.params.id),
  ]);
  return presentReservation(listed, paragraphs, reservationViewer(resolution, access));
});
