import type { ListedReservation } from '../../db/queries/reservations';
import type { NumberedParagraph } from '../../lib/resolution/types';

/** A reservation with the current number of its paragraph ("OP 8"), or null for the whole text. */
export function presentReservation(r: ListedReservation, paragraphs: readonly NumberedParagraph[]) {
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
  };
}
