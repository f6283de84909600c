import type { Db } from '../../db/client';
import type { Resolution } from '../../db/schema';
import { amendmentHistory, delegationNames, listAmendments, type StoredAmendment } from '../../db/queries/amendments';
import { currentParagraphs } from './resolution-text';
import {
  compileAmendments,
  votingOrder,
  type CompilationFilter,
  type CompiledAmendment,
} from '../../lib/amendments/compilation';
import { renderRedlineHtml, renderRedlineText } from '../../lib/amendments/redline';
import { can, type Actor } from '../../lib/permissions';
import type { Stage } from '../../lib/resolution/types';
import { amendmentSubject, canSeeDraft } from '../amendments/access';

/** An amendment as the API and the pages show it, with what the caller may do with it. */
export function presentAmendment(
  c: CompiledAmendment & { amendment: StoredAmendment },
  names: ReadonlyMap<string, string>,
  actor: Actor,
  stage: Stage,
  numbers: ReadonlyMap<string, string | null>,
) {
  const a = c.amendment;
  const subject = amendmentSubject(a, stage);
  const live = a.status === 'draft' || a.status === 'tabled';
  const invited = a.invitedCoSponsorDelegationIds;
  const accepted = a.coSponsorDelegationIds.filter((id) => !invited.includes(id));
  const seesInvitations = can(actor, 'amendment:edit', subject);
  const answering = { ...subject, invitedDelegationIds: invited };
  return {
    id: a.id,
    number: a.number,
    kind: a.kind,
    status: a.status,
    statusReason: a.statusReason,
    paragraphId: c.paragraphId,
    paragraphLabel: c.paragraphLabel,
    paragraphDeleted: c.paragraphDeleted,
    targetParagraphId: a.targetParagraphId,
    anchorParagraphId: a.anchorParagraphId,
    position: a.position,
    newKind: a.newKind,
    proposedText: a.proposedText,
    baseText: a.baseText,
    currentText: c.currentText,
    rationale: a.rationale,
    sponsor: { id: a.sponsorDelegationId, name: names.get(a.sponsorDelegationId) ?? '' },
    // Consent: a delegation is listed (and printed) as co-sponsor once one of its members accepts.
    coSponsors: accepted.map((id) => ({ id, name: names.get(id) ?? '' })),
    // Open invitations, shown only to the amendment's own delegations and to the invited ones.
    invitedCoSponsors: seesInvitations ? invited.map((id) => ({ id, name: names.get(id) ?? '' })) : [],
    parentAmendmentId: a.parentAmendmentId,
    parentNumber: a.parentAmendmentId ? (numbers.get(a.parentAmendmentId) ?? null) : null,
    stale: live && c.stale,
    conflict: live && c.conflict,
    redline: { segments: c.segments, html: renderRedlineHtml(c.segments), text: renderRedlineText(c.segments) },
    voting: c.voting ? { position: c.voting.position, reason: c.voting.reason, byChair: c.voting.byChair } : null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    youCan: {
      edit: a.status === 'draft' && can(actor, 'amendment:edit', subject),
      rewrite: live && c.stale && a.kind === 'modify' && can(actor, 'amendment:edit', subject),
      table: a.status === 'draft' && can(actor, 'amendment:table', subject),
      withdraw: live && can(actor, 'amendment:withdraw', subject),
      rule: a.status === 'tabled' && can(actor, 'amendment:rule', subject),
      answerCoSponsorship: live && can(actor, 'amendment:answer-cosponsorship', answering),
      // The listed and invited delegations this viewer may take off (the sponsor anyone, a co-sponsor itself).
      removeCoSponsor: live
        ? a.coSponsorDelegationIds.filter((id) =>
            can(actor, 'amendment:remove-cosponsor', { ...subject, coSponsorRemoved: id }),
          )
        : [],
      inviteCoSponsor: a.status === 'draft' && can(actor, 'amendment:edit', subject),
      decide: a.status === 'tabled' && can(actor, 'amendment:decide', subject),
      subAmend:
        a.status === 'tabled' &&
        a.parentAmendmentId === null &&
        (a.kind === 'modify' || a.kind === 'insert') &&
        can(actor, 'amendment:draft', subject),
    },
  };
}
export type PresentedAmendment = ReturnType<typeof presentAmendment>;

/** The compilation as one actor may see it (others' drafts left out). */
export async function loadCompilation(db: Db, resolution: Resolution, actor: Actor, filter: CompilationFilter = {}) {
  const [all, paragraphs, names] = await Promise.all([
    listAmendments(db, resolution.id),
    currentParagraphs(db, resolution.id),
    delegationNames(db, resolution.committeeId),
  ]);
  const visible = all.filter((a) => a.status !== 'draft' || canSeeDraft(actor, a));
  const numbers = new Map(all.map((a) => [a.id, a.number]));
  const compiled = compileAmendments(visible, paragraphs, filter) as (CompiledAmendment & {
    amendment: StoredAmendment;
  })[];
  const stage = resolution.stage as Stage;
  return {
    paragraphs,
    all: visible,
    names,
    amendments: compiled.map((c) => presentAmendment(c, names, actor, stage, numbers)),
    votingOrder: votingOrder(visible, paragraphs),
  };
}

export async function presentHistory(db: Db, amendmentId: string) {
  return (await amendmentHistory(db, amendmentId)).map((h) => ({
    action: h.action,
    details: h.details,
    at: h.at,
    actor: h.actor ?? 'system',
  }));
}
