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
import { getLanguageVersion, listAmendmentTranslations } from '../../db/queries/languages';
import { alignWording } from '../../lib/languages/alignment';
import type { StoredWording, TranslationStatus } from '../../lib/languages/types';

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

/**
 * An amendment's proposed text in a language version, with the status paragraphs have:
 * missing, up to date, or needs translation (the proposed text changed since the wording
 * was confirmed, with that change as a redline). An amendment that proposes no words (a
 * deletion, a move) has nothing to translate and is up to date.
 */
export function presentAmendmentTranslation(
  amendment: Pick<StoredAmendment, 'proposedText'>,
  language: string,
  wording: StoredWording | undefined,
) {
  if (amendment.proposedText === '') return { language, proposedText: '', status: 'up_to_date' as TranslationStatus };
  const aligned = alignWording(amendment.proposedText, wording);
  return {
    language,
    proposedText: aligned.translation,
    status: aligned.status,
    ...(aligned.originalChange ? { originalChange: renderRedlineText(aligned.originalChange) } : {}),
  };
}
export type PresentedAmendmentTranslation = ReturnType<typeof presentAmendmentTranslation>;

/** The translations of these amendments into a language version, by amendment id. */
export async function amendmentTranslationsIn(
  db: Db,
  amendments: readonly Pick<StoredAmendment, 'id' | 'proposedText'>[],
  language: string,
): Promise<Map<string, PresentedAmendmentTranslation>> {
  const wordings = new Map(
    (
      await listAmendmentTranslations(
        db,
        amendments.map((a) => a.id),
        language,
      )
    ).map((w) => [w.id, w]),
  );
  return new Map(amendments.map((a) => [a.id, presentAmendmentTranslation(a, language, wordings.get(a.id))]));
}

/**
 * The compilation as one actor may see it (others' drafts left out). With `language` (a
 * version of the resolution, not its original), each amendment carries its `translation`.
 */
export async function loadCompilation(
  db: Db,
  resolution: Resolution,
  actor: Actor,
  filter: CompilationFilter = {},
  options: { language?: string } = {},
) {
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
  const language = options.language && options.language !== resolution.language ? options.language : null;
  if (language) await getLanguageVersion(db, resolution.id, language); // 404 for a version it does not have
  const translations = language
    ? await amendmentTranslationsIn(
        db,
        compiled.map((c) => c.amendment),
        language,
      )
    : null;
  return {
    paragraphs,
    all: visible,
    names,
    amendments: compiled.map((c) => ({
      ...presentAmendment(c, names, actor, stage, numbers),
      ...(translations ? { translation: translations.get(c.amendment.id)! } : {}),
    })),
    votingOrder: votingOrder(visible, paragraphs),
    /** What the viewer may start on the compilation itself (each amendment carries its own). */
    youCan: {
      draft: can(actor, 'amendment:draft', { stage }),
      setVotingOrder: can(actor, 'voting-order:set', { stage }),
    },
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
