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

export const KIND_NAMES: Record<ReservationView['kind'], string> = {
  reservation: 'Reservation',
  dissociation: 'Dissociation',
  interpretative_statement: 'Interpretative statement',
};

export const METHOD_NAMES: Record<string, string> = {
  show_of_hands: 'Show of hands',
  recorded: 'Recorded vote',
  roll_call: 'Roll call',
  secret: 'Secret ballot',
  electronic: 'Electronic vote',
};

export const MAJORITY_NAMES: Record<string, string> = {
  simple: 'simple majority',
  absolute: 'absolute majority',
  two_thirds: 'two-thirds majority',
};
