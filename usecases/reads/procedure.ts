import type { Db } from '../../db/client';
import type { Resolution } from '../../db/schema';
import { listAmendments } from '../../db/queries/amendments';
import { listReservations } from '../../db/queries/reservations';
import { listVotes, presentVote } from '../../db/queries/votes';
import type { Actor } from '../../lib/permissions';
import { delegationRoster } from './committees';
import { presentReservation } from './reservations';
import { currentParagraphs } from './resolution-text';

/**
 * Reservations, votes and the tabled amendments a vote may be on, as the procedure panel
 * shows them to one viewer (a secret ballot's choices stay hidden, as in the API).
 */
export async function loadProcedure(db: Db, resolution: Resolution, actor: Actor) {
  const [paragraphs, roster, all, reservations, votes] = await Promise.all([
    currentParagraphs(db, resolution.id),
    delegationRoster(db, resolution.committeeId),
    listAmendments(db, resolution.id),
    listReservations(db, resolution.id),
    listVotes(db, resolution.id),
  ]);
  const viewer = { delegationId: actor.delegationId, committeeId: resolution.committeeId };
  const label = (id: string | null) => paragraphs.find((p) => p.id === id)?.label ?? null;
  return {
    paragraphs,
    roster,
    tabledAmendments: all
      .filter((a) => a.status === 'tabled')
      .map((a) => ({ id: a.id, number: a.ordinal, paragraphLabel: label(a.targetParagraphId ?? a.anchorParagraphId) })),
    votes: await Promise.all(votes.map((v) => presentVote(db, v, viewer))),
    reservations: reservations.map((r) => presentReservation(r, paragraphs)),
  };
}
