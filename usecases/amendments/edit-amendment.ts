import { findAmendment } from '../../db/queries/amendments';
import { rewriteAgainstCurrentText, updateDraftAmendment, type UpdateDraft } from '../../db/commands/amendment-drafter';
import { authorize, defineUseCase } from '../kernel/use-case';
import { readNumberedParagraphs } from '../kernel/text-store';
import { amendmentActing } from './access';

type DraftChanges = Omit<UpdateDraft, 'committeeId' | 'resolutionId' | 'actorId' | 'amendment'>;

/** Its delegations change a draft's wording, rationale or position (outside the live editor). */
export const editAmendment = defineUseCase(
  'amendment.edit',
  async ({ db }, actor, input: { amendmentId: string } & DraftChanges) => {
    const { amendmentId, ...changes } = input;
    const { access, subject, scope } = await amendmentActing(db, actor, amendmentId);
    authorize(
      access.actor,
      'amendment:edit',
      subject,
      'Only members of the sponsoring or a co-sponsoring delegation (or the secretariat) may edit this amendment.',
    );
    const updated = await updateDraftAmendment(db, { ...scope, ...changes });
    return {
      result: updated,
      events: [{ type: 'amendment.edited', resolutionId: scope.resolutionId, data: { amendmentId: updated.id } }],
    };
  },
);

/** A stale amendment written again against the paragraph as it reads now. */
export const rewriteAmendment = defineUseCase(
  'amendment.rewrite',
  async ({ db, text }, actor, input: { amendmentId: string; proposedText: string }) => {
    const { amendment, access, subject, scope } = await amendmentActing(db, actor, input.amendmentId);
    authorize(
      access.actor,
      'amendment:edit',
      subject,
      'Only the sponsoring or a co-sponsoring delegation (or the secretariat) may rewrite this amendment.',
    );
    const parent = amendment.parentAmendmentId ? await findAmendment(db, amendment.parentAmendmentId) : null;
    const updated = await rewriteAgainstCurrentText(db, {
      ...scope,
      proposedText: input.proposedText,
      paragraphs: await readNumberedParagraphs(text, scope.resolutionId),
      parent,
    });
    return {
      result: updated,
      events: [
        {
          type: 'amendment.rewritten',
          resolutionId: scope.resolutionId,
          data: { amendmentId: updated.id, number: updated.number },
        },
      ],
    };
  },
);
