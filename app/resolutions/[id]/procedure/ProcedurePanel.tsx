import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { amendments, delegations, type Resolution } from '@/db/schema';
import type { ResolutionAccess } from '@/db/queries/access';
import { listReservations } from '@/db/queries/reservations';
import { listVotes, presentVote } from '@/db/queries/votes';
import type { StoredAdoption } from '@/db/commands/adoption-declarer';
import { currentParagraphs } from '@/usecases/reads/resolution-text';
import { can } from '@/lib/permissions';
import { presentReservation } from '@/app/api/v1/procedure/present';
import { ProcedureBoard } from './ProcedureBoard';
import type { ProcedureContext, ReservationView, VoteView } from './types';

/**
 * Reservations, votes and adoption beside the text (issue 5). Loads on the server what the
 * page needs to render without JavaScript; the board then stays live through procedure events.
 */
export async function ProcedurePanel({ resolution, access }: { resolution: Resolution; access: ResolutionAccess }) {
  const db = await getDb();
  const { actor } = access;
  const stage = resolution.stage;
  const [paragraphs, roster, tabled, reservations, votes] = await Promise.all([
    currentParagraphs(db, resolution.id),
    db
      .select({ id: delegations.id, name: delegations.name })
      .from(delegations)
      .where(eq(delegations.committeeId, resolution.committeeId))
      .orderBy(delegations.name),
    db
      .select({
        id: amendments.id,
        number: amendments.number,
        target: amendments.targetParagraphId,
        anchor: amendments.anchorParagraphId,
      })
      .from(amendments)
      .where(and(eq(amendments.resolutionId, resolution.id), eq(amendments.status, 'tabled')))
      .orderBy(amendments.number),
    listReservations(db, resolution.id),
    listVotes(db, resolution.id),
  ]);
  const viewer = { delegationId: actor.delegationId, committeeId: resolution.committeeId };
  const label = (id: string | null) => paragraphs.find((p) => p.id === id)?.label ?? null;
  const own = { stage, delegationId: actor.delegationId ?? undefined };
  const context: ProcedureContext = {
    resolutionId: resolution.id,
    stage,
    published: !!(resolution.adoption as StoredAdoption | null)?.publishedAt,
    me: {
      role: actor.role ?? 'none',
      delegationId: actor.delegationId,
      delegationName: roster.find((d) => d.id === actor.delegationId)?.name ?? null,
    },
    paragraphs: paragraphs.map((p) => ({
      id: p.id,
      label: p.label,
      excerpt: p.text.length > 70 ? `${p.text.slice(0, 67)}…` : p.text,
    })),
    delegations: roster,
    tabledAmendments: tabled.map((a) => ({ id: a.id, number: a.number, paragraphLabel: label(a.target ?? a.anchor) })),
    may: {
      openVote: can(actor, 'vote:open', { stage }),
      closeVote: can(actor, 'vote:close', { stage }),
      recordBallots: can(actor, 'vote:record', { stage }),
      castOwn: can(actor, 'vote:cast', own),
      recordOwnReservation: can(actor, 'reservation:record', own),
      recordAnyReservation: actor.role === 'secretariat',
      adopt: can(actor, 'resolution:adopt', { stage }),
      publish: can(actor, 'resolution:publish', { stage }),
      steerScreen: can(actor, 'screen:steer', { stage }),
    },
    adoptionDefaults: {
      session: resolution.sessionLabel,
      place: resolution.place,
      date: new Date().toISOString().slice(0, 10),
    },
  };
  // Dates become strings, as the API sends them: the board refetches from the API and must read both alike.
  const plain = <T,>(v: unknown) => JSON.parse(JSON.stringify(v)) as T;
  const initialVotes = plain<VoteView[]>(await Promise.all(votes.map((v) => presentVote(db, v, viewer))));
  const initialReservations = plain<ReservationView[]>(reservations.map((r) => presentReservation(r, paragraphs)));
  return <ProcedureBoard context={context} initialVotes={initialVotes} initialReservations={initialReservations} />;
}
