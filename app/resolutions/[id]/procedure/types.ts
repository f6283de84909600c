/** What the procedure panel's client components receive: plain JSON, decided on the server. */
import type { ListedVote } from '@/usecases/reads/votes';

/** A vote with what the viewer may do with it (`youCan`, from can() on the server). */
export type VoteView = ListedVote;

export interface ReservationView {
  id: string;
  delegationId: string;
  delegation: string;
  paragraphId: string | null;
  paragraphLabel: string | null;
  kind: 'reservation' | 'dissociation' | 'interpretative_statement';
  text: string;
  withdrawnAt: string | null;
  /** From can() on the server. */
  youCan: { withdraw: boolean };
}

export interface ProcedureContext {
  resolutionId: string;
  stage: string;
  published: boolean;
  me: { role: string; delegationId: string | null; delegationName: string | null };
  paragraphs: { id: string; label: string; excerpt: string }[];
  delegations: { id: string; name: string }[];
  tabledAmendments: { id: string; number: number | null; paragraphLabel: string | null }[];
  /** From can() on the server; the API checks again on every request. */
  may: {
    openVote: boolean;
    closeVote: boolean;
    recordBallots: boolean;
    castOwn: boolean;
    recordOwnReservation: boolean;
    recordAnyReservation: boolean;
    adopt: boolean;
    publish: boolean;
    /** Chooses what the room's screen shows. */
    steerScreen: boolean;
  };
  adoptionDefaults: { session: string; place: string; date: string };
}

/** The choices the forms offer; their names are in the interface catalogues (reservations.kind, votes.method, votes.majority). */
export const RESERVATION_KINDS: ReservationView['kind'][] = ['reservation', 'dissociation', 'interpretative_statement'];
export const VOTE_METHODS = ['show_of_hands', 'recorded', 'roll_call', 'secret', 'electronic'] as const;
export const MAJORITIES = ['simple', 'absolute', 'two_thirds'] as const;
