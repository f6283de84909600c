import { draftAmendment as storeDraft, type DraftAmendment } from '../../db/commands/amendment-drafter';
import { DomainError } from '../../lib/errors';
import { defineUseCase, authorize } from '../kernel/use-case';
import { readNumberedParagraphs } from '../kernel/text-store';
import { resolutionActing } from './access';

export type DraftInput = Omit<
  DraftAmendment,
  'committeeId' | 'resolutionId' | 'actorId' | 'paragraphs' | 'sponsorDelegationId'
> & {
  resolutionId: string;
  /** The presiding officers name the sponsoring delegation; a member drafts for their own. */
  sponsorDelegationId?: string | null;
  /** Tabling follows at once: refused before anything is stored, so no draft is left behind. */
  alsoTabling?: boolean;
};

/** A delegation writes an amendment (or a sub-amendment); only it and the presiding officers see the draft. */
export const draftAmendment = defineUseCase('amendment.draft', async ({ db, text }, actor, input: DraftInput) => {
  const { resolutionId, alsoTabling, ...request } = input;
  const { userId, resolution, access, committeeActor } = await resolutionActing(db, actor, resolutionId);
  const sponsorDelegationId =
    committeeActor.role === 'member' ? committeeActor.delegationId : (input.sponsorDelegationId ?? null);
  authorize(committeeActor, 'amendment:draft', { stage: access.stage, delegationId: sponsorDelegationId });
  if (
    committeeActor.role === 'member' &&
    input.sponsorDelegationId &&
    input.sponsorDelegationId !== committeeActor.delegationId
  ) {
    throw new DomainError('forbidden:amendment:draft', 'A member drafts amendments for their own delegation only.');
  }
  if (!sponsorDelegationId) {
    throw new DomainError('bad_request:body', 'Name the sponsoring delegation (sponsorDelegationId).', [
      { path: 'body.sponsorDelegationId', message: 'required' },
    ]);
  }
  if (alsoTabling) {
    authorize(
      committeeActor,
      'amendment:table',
      { stage: access.stage, delegationId: sponsorDelegationId, coSponsorDelegationIds: [] },
      'Only the sponsoring or a co-sponsoring delegation (or the secretariat) may table this amendment.',
    );
  }
  const amendment = await storeDraft(db, {
    ...request,
    committeeId: resolution.committeeId,
    resolutionId,
    actorId: userId,
    sponsorDelegationId,
    paragraphs: await readNumberedParagraphs(text, resolutionId),
  });
  return {
    result: amendment,
    events: [{ type: 'amendment.drafted', resolutionId, data: { amendmentId: amendment.id } }],
  };
});
