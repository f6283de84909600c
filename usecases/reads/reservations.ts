import type { Queryable } from '../../db/client';
import type { StoredAdoption } from '../../db/commands/adoption-declarer';
import type { ResolutionAccess } from '../../db/queries/access';
import { type ListedReservation, listReservations } from '../../db/queries/reservations';
import type { Resolution } from '../../db/schema';
import { can } from '../../lib/permissions';
import type { NumberedParagraph } from '../../lib/resolution/types';
import { currentParagraphs } from './resolution-text';

/** Who looks at the reservations, and whether the text is published (they are final from then on). */
export interface ReservationViewer {
  actor: ResolutionAccess['actor'];
  stage: ResolutionAccess['stage'];
  published: boolean;
}

export const reservationViewer = (resolution: Resolution, access: Pick<ResolutionAccess, 'actor' | 'stage'>) => ({
  actor: access.actor,
  stage: access.stage,
  published: !!(resolution.adoption as StoredAdoption | null)?.publishedAt,
});

/**
 * A reservation with the current number of its paragraph ("OP 8"), or null for the whole
 * text, and what the viewer may do with it (its delegation or the secretariat withdraws it
 * until the text is published).
 */
export function presentReservation(
  r: ListedReservation,
  paragraphs: readonly NumberedParagraph[],
  { actor, stage, published }: ReservationViewer,
) {
  const paragraph = r.paragraphId === null ? null : paragraphs.find((p) => p.id === r.paragraphId);
  return {
    id: r.id,
    delegationId: r.delegationId,
    delegation: r.delegation,
    paragraphId: r.paragraphId,
    paragraphLabel: r.paragraphId === null ? null : (paragraph?.label ?? 'deleted paragraph'),
    kind: r.kind,
    text: r.text,
    createdAt: r.createdAt,
    withdrawnAt: r.withdrawnAt,
    youCan: {
      withdraw:
        r.withdrawnAt === null &&
        !published &&
        can(actor, 'reservation:withdraw', { stage, delegationId: r.delegationId }),
    },
  };
}
export type PresentedReservation = ReturnType<typeof presentReservation>;

/** The reservations on a resolution as one viewer sees them (withdrawn ones only when asked). */
export async function reservationsOf(
  db: Queryable,
  resolution: Resolution,
  access: Pick<ResolutionAccess, 'actor' | 'stage'>,
  opts: { withdrawn?: boolean } = {},
) {
  const [rows, paragraphs] = await Promise.all([
    listReservations(db, resolution.id, opts),
    currentParagraphs(db, resolution.id),
  ]);
  const viewer = reservationViewer(resolution, access);
  return rows.map((r) => presentReservation(r, paragraphs, viewer));
}
