import type { Db } from '../../db/client';
import type { StoredAdoption } from '../../db/commands/adoption-declarer';
import type { ResolutionAccess } from '../../db/queries/access';
import { listAmendments } from '../../db/queries/amendments';
import type { Resolution } from '../../db/schema';
import { can } from '../../lib/permissions';
import { delegationRoster } from './committees';
import { reservationsOf } from './reservations';
import { currentParagraphs } from './resolution-text';
import { votesOf } from './votes';

/**
 * Reservations, votes and the tabled amendments a vote may be on, as the procedure panel
 * shows them to one viewer (a secret ballot's choices stay hidden, as in the API), with what
 * the viewer may start there; each vote and reservation carries its own `youCan`.
 */
export async function loadProcedure(db: Db, resolution: Resolution, access: ResolutionAccess) {
  const { actor, stage } = access;
  const [paragraphs, roster, all, reservations, votes] = await Promise.all([
    currentParagraphs(db, resolution.id),
    delegationRoster(db, resolution.committeeId),
    listAmendments(db, resolution.id),
    reservationsOf(db, resolution, access),
    votesOf(db, resolution.id, access),
  ]);
  const label = (id: string | null) => paragraphs.find((p) => p.id === id)?.label ?? null;
  const own = { stage, delegationId: actor.delegationId ?? undefined };
  return {
    paragraphs,
    roster,
    published: !!(resolution.adoption as StoredAdoption | null)?.publishedAt,
    tabledAmendments: all
      .filter((a) => a.status === 'tabled')
      .map((a) => ({ id: a.id, number: a.ordinal, paragraphLabel: label(a.targetParagraphId ?? a.anchorParagraphId) })),
    votes,
    reservations,
    youCan: {
      openVote: can(actor, 'vote:open', { stage }),
      closeVote: can(actor, 'vote:close', { stage }),
      recordBallots: can(actor, 'vote:record', { stage }),
      castOwn: can(actor, 'vote:cast', own),
      recordOwnReservation: can(actor, 'reservation:record', own),
      // For any delegation: the secretariat records what a delegation said on the floor.
      recordAnyReservation: can(actor, 'reservation:record', { stage, delegationId: '' }),
      adopt: can(actor, 'resolution:adopt', { stage }),
      publish: can(actor, 'resolution:publish', { stage }),
      steerScreen: can(actor, 'screen:steer', { stage }),
    },
  };
}
