import { getDb } from '@/db/client';
import type { Resolution, ResolutionAccess } from '@/usecases/reads/resolutions';
import { loadProcedure } from '@/usecases/reads/procedure';
import { ProcedureBoard } from './ProcedureBoard';
import type { ProcedureContext, ReservationView, VoteView } from './types';

/**
 * Reservations, votes and adoption beside the text (issue 5). Loads on the server what the
 * page needs to render without JavaScript; the board then stays live through procedure events.
 */
export async function ProcedurePanel({ resolution, access }: { resolution: Resolution; access: ResolutionAccess }) {
  const db = await getDb();
  const { actor } = access;
  const { paragraphs, roster, tabledAmendments, votes, reservations, published, youCan } = await loadProcedure(
    db,
    resolution,
    access,
  );
  const context: ProcedureContext = {
    resolutionId: resolution.id,
    stage: access.stage,
    published,
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
    tabledAmendments,
    may: youCan,
    adoptionDefaults: {
      session: resolution.sessionLabel,
      place: resolution.place,
      date: new Date().toISOString().slice(0, 10),
    },
  };
  // Dates become strings, as the API sends them: the board refetches from the API and must read both alike.
  const plain = <T,>(v: unknown) => JSON.parse(JSON.stringify(v)) as T;
  const initialVotes = plain<VoteView[]>(votes);
  const initialReservations = plain<ReservationView[]>(reservations);
  return <ProcedureBoard context={context} initialVotes={initialVotes} initialReservations={initialReservations} />;
}
