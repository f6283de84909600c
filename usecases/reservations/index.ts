import {
  recordReservation as storeReservation,
  type ReservationRecording,
} from '../../db/commands/reservation-recorder';
import { withdrawReservation as storeWithdrawal } from '../../db/commands/reservation-withdrawer';
import { getReservation } from '../../db/queries/reservations';
import { badRequest } from '../../lib/errors';
import { resolutionActing } from '../amendments/access';
import { authorize, defineUseCase } from '../kernel/use-case';
import { readNumberedParagraphs } from '../kernel/text-store';

type Recording = Pick<ReservationRecording, 'paragraphId' | 'kind' | 'text'> & {
  resolutionId: string;
  /** The secretariat names the delegation; a member records for their own. */
  delegationId?: string | null;
};

/** A delegation's reservation, dissociation or interpretative statement, printed as a footnote. */
export const recordReservation = defineUseCase('reservation.record', async ({ db, text }, actor, input: Recording) => {
  const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
  const delegationId = input.delegationId ?? access.actor.delegationId;
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
  const paragraphs = await readNumberedParagraphs(text, resolution.id);
  const row = await storeReservation(db, {
    resolutionId: resolution.id,
    delegationId,
    paragraphId: input.paragraphId,
    kind: input.kind,
    text: input.text,
    actorId: userId,
    paragraphIds: paragraphs.map((p) => p.id),
  });
  return {
    result: { reservation: row, paragraphs },
    events: [{ type: 'reservation.recorded', resolutionId: resolution.id, data: { reservationId: row.id } }],
  };
});

/** Withdrawal: the reservation stays in the record, marked withdrawn, and leaves the published text. */
export const withdrawReservation = defineUseCase(
  'reservation.withdraw',
  async ({ db }, actor, input: { resolutionId: string; reservationId: string }) => {
    const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    const reservation = await getReservation(db, resolution.id, input.reservationId);
    authorize(
      access.actor,
      'reservation:withdraw',
      { stage: access.stage, delegationId: reservation.delegationId },
      'A reservation is withdrawn by its delegation or by the secretariat.',
    );
    const row = await storeWithdrawal(db, { reservationId: reservation.id, actorId: userId });
    return {
      result: row,
      events: [{ type: 'reservation.withdrawn', resolutionId: resolution.id, data: { reservationId: row.id } }],
    };
  },
);
