import type { Stage } from './resolution/types';

/**
 * Who may do what. One `can()` decides every permission for the pages, the API, the CLI
 * and the collaboration socket, so the rules are read in one place.
 *
 * Roles are per committee; an actor is a user as seen from one committee. A user with no
 * role in the committee may do nothing there, not even learn that a resolution exists.
 */

/** A translator reads everything and writes only the language versions (lib/languages). */
export const ROLES = ['chair', 'secretariat', 'member', 'observer', 'translator'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  /** Role in the committee that owns the subject; null when the user has none there. */
  role: Role | null;
  /** The member's delegation in that committee. */
  delegationId: string | null;
}

export interface Subject {
  stage?: Stage;
  /** For amendments: the sponsoring delegation; for reservations and ballots: the delegation concerned. */
  delegationId?: string | null;
  coSponsorDelegationIds?: readonly string[];
  /** For removing a co-sponsor: the co-sponsoring delegation to remove. */
  coSponsorRemoved?: string;
  /** For answering an invitation to co-sponsor: the delegations invited and not yet answering. */
  invitedDelegationIds?: readonly string[];
}

export const ACTIONS = [
  'committee:read',
  'committee:manage', // delegations and memberships
  'resolution:read',
  'resolution:create', // blank or by import
  'resolution:edit-text', // direct co-editing of the live text
  'resolution:change-stage',
  'version:create',
  'version:restore', // a saved version becomes the current text again (recovery)
  'amendment:draft',
  'amendment:edit', // a draft of one's own delegation (sponsor or co-sponsor)
  'amendment:table',
  'amendment:withdraw',
  'amendment:remove-cosponsor', // the sponsor drops a co-sponsor, or a co-sponsor leaves
  'amendment:answer-cosponsorship', // a member accepts or declines their delegation's invitation
  'amendment:rule', // admissibility
  'amendment:decide', // adopted / rejected
  'amendment:set-deadline',
  'voting-order:set',
  'vote:open',
  'vote:close',
  'vote:cast', // a delegation's own ballot
  'vote:record', // counts or ballots entered on behalf of the floor
  'reservation:record',
  'reservation:withdraw',
  'resolution:adopt',
  'resolution:publish',
  'screen:steer', // what the room's screen shows
  'language:add', // a language version of a resolution, official or not
  'language:edit', // a language version's wording, and translations of statements and amendments
  'language:override', // publish although an official version is incomplete or out of date
  'audit:read',
  'audit:export', // the whole keyed chain as JSON, for an outside check
  'token:manage', // one's own API tokens (no committee needed)
] as const;
export type Action = (typeof ACTIONS)[number];

const presiding = (a: Actor) => a.role === 'chair' || a.role === 'secretariat';
const participant = (a: Actor) => a.role !== null;
const ownDelegation = (a: Actor, s: Subject) =>
  a.role === 'member' &&
  !!a.delegationId &&
  (s.delegationId === a.delegationId || (s.coSponsorDelegationIds ?? []).includes(a.delegationId));
const open = (s: Subject) => s.stage !== 'adopted' && s.stage !== 'withdrawn';

type Rule = (actor: Actor, subject: Subject) => boolean;

/**
 * Acts the rules of procedure allow only at some stages, with the reason given when one is
 * refused. `can()` applies them; `refusal()` explains them, so the API, the CLI and the
 * pages refuse with the same code and the same words.
 */
interface StageRule {
  stages: readonly Stage[];
  /** 403 when it is a matter of who may act then, 409 when the act conflicts with the state. */
  kind: 'forbidden' | 'conflict';
  message(stage: Stage): string;
}

export const STAGE_RULES: Partial<Record<Action, StageRule>> = {
  'amendment:table': {
    stages: ['amendments'],
    kind: 'forbidden',
    message: (stage) =>
      `Amendments can be tabled only at the amendments stage; the resolution is at the ${stage} stage.`,
  },
  'amendment:decide': {
    stages: ['amendments', 'voting'],
    kind: 'conflict',
    message: (stage) =>
      `Amendments are decided at the amendments or voting stage; the resolution is at the ${stage} stage.`,
  },
};

/** A subject without a stage (a page listing what a role may do in general) passes. */
function stageAllows(action: Action, s: Subject): boolean {
  const rule = STAGE_RULES[action];
  return !rule || s.stage === undefined || rule.stages.includes(s.stage);
}

const rules: Record<Action, Rule> = {
  'committee:read': participant,
  'committee:manage': presiding,
  'resolution:read': participant,
  'resolution:create': presiding,
  // Drafting: everyone but observers co-edits. From the amendment stage on the text changes
  // only through amendments, except the secretariat's technical corrections.
  'resolution:edit-text': (a, s) =>
    s.stage === 'drafting'
      ? a.role === 'chair' || a.role === 'secretariat' || a.role === 'member'
      : a.role === 'secretariat' && open(s),
  'resolution:change-stage': (a) => a.role === 'chair' || a.role === 'secretariat',
  'version:create': (a) => a.role !== null && a.role !== 'observer' && a.role !== 'translator',
  'version:restore': (a, s) => presiding(a) && open(s),
  'amendment:draft': (a, s) => (a.role === 'member' || presiding(a)) && open(s),
  'amendment:edit': (a, s) => ownDelegation(a, s) || a.role === 'secretariat',
  'amendment:table': (a, s) =>
    (ownDelegation(a, s) || a.role === 'secretariat') && s.stage !== undefined && stageAllows('amendment:table', s),
  'amendment:withdraw': (a, s) => ownDelegation(a, s) && a.delegationId === s.delegationId,
  'amendment:remove-cosponsor': (a, s) =>
    a.role === 'secretariat' ||
    (ownDelegation(a, s) && (a.delegationId === s.delegationId || a.delegationId === s.coSponsorRemoved)),
  // Consent is the invited delegation's own: no one answers for it, not even the secretariat.
  'amendment:answer-cosponsorship': (a, s) =>
    a.role === 'member' && !!a.delegationId && (s.invitedDelegationIds ?? []).includes(a.delegationId),
  'amendment:rule': (a) => a.role === 'chair',
  'amendment:decide': (a, s) => presiding(a) && stageAllows('amendment:decide', s),
  'amendment:set-deadline': presiding,
  'voting-order:set': (a) => a.role === 'chair',
  'vote:open': (a) => a.role === 'chair',
  'vote:close': (a) => a.role === 'chair',
  'vote:cast': (a, s) => a.role === 'member' && !!a.delegationId && s.delegationId === a.delegationId,
  'vote:record': presiding,
  'reservation:record': (a, s) =>
    (a.role === 'member' && !!a.delegationId && s.delegationId === a.delegationId) || a.role === 'secretariat',
  'reservation:withdraw': (a, s) =>
    (a.role === 'member' && !!a.delegationId && s.delegationId === a.delegationId) || a.role === 'secretariat',
  'resolution:adopt': (a) => a.role === 'chair',
  'resolution:publish': presiding,
  'screen:steer': presiding,
  'language:add': (a, s) => presiding(a) && s.stage !== 'withdrawn',
  // Translation goes on after adoption: the published versions are often finished then.
  'language:edit': (a, s) => (a.role === 'secretariat' || a.role === 'translator') && s.stage !== 'withdrawn',
  'language:override': (a) => a.role === 'chair',
  'audit:read': participant,
  'audit:export': presiding,
  'token:manage': () => true,
};

export function can(actor: Actor | null, action: Action, subject: Subject = {}): boolean {
  if (!actor) return false;
  return rules[action](actor, subject);
}

export interface Refusal {
  code: `${'forbidden' | 'conflict'}:${string}`;
  message: string;
}

/**
 * Why `can()` says no, or null when it says yes. A stage rule's reason comes first (tabling
 * during drafting is refused for the stage, whoever asks); otherwise the role is the reason
 * and `roleMessage` says it in the caller's words.
 */
export function refusal(actor: Actor, action: Action, subject: Subject, roleMessage: string): Refusal | null {
  if (can(actor, action, subject)) return null;
  const rule = STAGE_RULES[action];
  const byRole = { code: `forbidden:${action}`, message: roleMessage } as const;
  if (!rule || subject.stage === undefined || rule.stages.includes(subject.stage)) return byRole;
  const atStage = {
    code: rule.kind === 'conflict' ? ('conflict:stage' as const) : (`forbidden:${action}` as const),
    message: rule.message(subject.stage),
  };
  // A conflict with the stage is only news to someone who may act at all.
  if (rule.kind === 'conflict' && !can(actor, action, { ...subject, stage: rule.stages[0] })) return byRole;
  return atStage;
}

/** A collaboration connection to a language version's room (`<resolution id>/<language>`). */
export function languageCollabAccess(actor: Actor, stage: Stage): 'write' | 'read' | 'none' {
  if (!can(actor, 'resolution:read', { stage })) return 'none';
  return can(actor, 'language:edit', { stage }) ? 'write' : 'read';
}

/** Whether a collaboration connection may write, or only read. */
export function collabAccess(actor: Actor, stage: Stage): 'write' | 'read' | 'none' {
  if (!can(actor, 'resolution:read', { stage })) return 'none';
  return can(actor, 'resolution:edit-text', { stage }) ? 'write' : 'read';
}

/**
 * A collaboration connection to a draft amendment's room: the sponsoring and co-sponsoring
 * delegations (and the secretariat) write while it is a draft, as with PATCH; the chair,
 * who sees drafts, reads; once tabled everyone who reads the resolution may read it.
 */
export function draftCollabAccess(
  actor: Actor,
  stage: Stage,
  amendment: { status: string; sponsorDelegationId: string; coSponsorDelegationIds: readonly string[] },
): 'write' | 'read' | 'none' {
  if (!can(actor, 'resolution:read', { stage })) return 'none';
  const own = can(actor, 'amendment:edit', {
    stage,
    delegationId: amendment.sponsorDelegationId,
    coSponsorDelegationIds: [...amendment.coSponsorDelegationIds],
  });
  if (amendment.status !== 'draft') return 'read';
  return own ? 'write' : actor.role === 'chair' ? 'read' : 'none';
}
