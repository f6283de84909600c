/**
 * What happened, as facts the rest of the system reacts to. A use case returns these once
 * its transaction has committed; subscribers registered at start-up (server/events/) turn
 * them into Server-Sent Events, Redis messages, draft-room refreshes and socket re-checks.
 * Adding an act means adding its event here, never editing transport code.
 *
 * Events about one resolution carry `resolutionId` and a small `data` object: both are sent
 * to every open page of that resolution, so `data` holds ids and numbers, nothing secret.
 */
import type { ScreenState } from '../../lib/screen/content';

type On<T extends string, D> = { type: T; resolutionId: string; data: D };

type AmendmentRef = { amendmentId: string };
type Numbered = AmendmentRef & { number: string | null };

export type ProcedureEvent =
  | On<'amendment.drafted', AmendmentRef>
  | On<'amendment.edited', AmendmentRef>
  | On<'amendment.rewritten', Numbered>
  | On<'amendment.tabled', Numbered>
  | On<'amendment.withdrawn', Numbered & { fallen: string[] }>
  | On<'amendment.ruled', Numbered & { fallen: string[] }>
  | On<'amendment.cosponsor_invited', AmendmentRef & { delegationId: string }>
  | On<'amendment.cosponsor_accepted', AmendmentRef & { delegationId: string }>
  | On<'amendment.cosponsor_declined', AmendmentRef & { delegationId: string }>
  | On<'amendment.cosponsor_removed', AmendmentRef & { delegationId: string }>
  | On<'amendment.decided', Numbered & { outcome: string; fallen: string[]; textChanged: boolean }>
  | On<'amendment.voting_order_set', Record<string, never>>
  | On<'amendment.deadline_set', { deadline: string | null }>
  | On<'reservation.recorded', { reservationId: string }>
  | On<'reservation.withdrawn', { reservationId: string }>
  | On<'vote.opened', { voteId: string; method: string; subject: string }>
  | On<'ballot.cast', Record<string, unknown>>
  | On<'vote.closed', { voteId: string; outcome: string; totals: unknown }>
  | On<'stage.changed', { from: string; to: string }>
  | On<'resolution.adopted', { method: string; voteId?: string }>
  | On<'resolution.published', Record<string, never>>
  | On<'resolution.created', Record<string, never>>
  | On<'version.saved', { versionId: string }>
  | On<'version.restored', { versionId: string; name: string }>
  | On<'language.added', { language: string }>
  | On<'language.changed', LanguageChange>
  | On<'screen.changed', { screen: ScreenState }>;

/** What changed in a language version (ids only): one paragraph, a statement, an amendment, or several. */
type LanguageChange = { language: string; paragraphId?: string; reservationId?: string; amendmentId?: string };

/** Facts about people rather than one resolution: who may still hold which sockets. */
export type AccessEvent =
  | { type: 'member.changed'; userId: string }
  | { type: 'credentials.revoked'; userId: string; tokenId?: string };

export type DomainEvent = ProcedureEvent | AccessEvent;
export type DomainEventType = DomainEvent['type'];

export const isProcedureEvent = (e: DomainEvent): e is ProcedureEvent => 'resolutionId' in e;

/** Events after which a draft amendment's live room must refold its wording and re-check who is in it. */
const DRAFT_EVENTS: ReadonlySet<DomainEventType> = new Set([
  'amendment.edited',
  'amendment.rewritten',
  'amendment.tabled',
  'amendment.withdrawn',
  'amendment.cosponsor_invited',
  'amendment.cosponsor_accepted',
  'amendment.cosponsor_declined',
  'amendment.cosponsor_removed',
]);

export function draftTouched(e: DomainEvent): string | null {
  if (!DRAFT_EVENTS.has(e.type) || !isProcedureEvent(e)) return null;
  const id = (e.data as { amendmentId?: unknown }).amendmentId;
  return typeof id === 'string' ? id : null;
}

/** Events after which every socket of the resolution must be checked again (who may write changed). */
const STAGE_EVENTS: ReadonlySet<DomainEventType> = new Set(['stage.changed', 'resolution.adopted']);

export function resolutionAccessTouched(e: DomainEvent): string | null {
  return STAGE_EVENTS.has(e.type) && isProcedureEvent(e) ? e.resolutionId : null;
}

/** A language version whose wordings changed outside its live room: the room folds them in. */
export function languageTouched(e: DomainEvent): { resolutionId: string; language: string } | null {
  return e.type === 'language.changed' ? { resolutionId: e.resolutionId, language: e.data.language } : null;
}
