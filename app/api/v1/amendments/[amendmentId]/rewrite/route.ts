import { draftChanged } from '@/server/resolution-text';
import { findAmendment } from '@/db/queries/amendments';
import { rewriteAgainstCurrentText } from '@/db/commands/amendment-drafter';
import { currentParagraphs } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { amendmentParams, rewriteBody } from '../../schema';
import { amendmentForUser } from '../../access';

export const POST = endpoint({ params: amendmentParams, body: rewriteBody }, async ({ db, user, params, body }) => {
  const { amendment, access, subject, scope } = await amendmentForUser(db, user.id, params.amendmentId);
  authorize(
    access.actor,
    'amendment:edit',
    subject,
    'Only the sponsoring or a co-sponsoring delegation (or the secretariat) may rewrite this amendment.',
  );
  const parent = amendment.parentAmendmentId ? await findAmendment(db, amendment.parentAmendmentId) : null;
  const updated = await rewriteAgainstCurrentText(db, {
    ...scope,
    proposedText: body.proposedText,
    paragraphs: await currentParagraphs(db, scope.resolutionId),
    parent,
  });
  draftChanged(params.amendmentId);
  publishProcedureEvent({
    resolutionId: scope.resolutionId,
    type: 'amendment.rewritten',
    data: { amendmentId: updated.id, number: updated.number },
  });
  return Response.json(
    { id: updated.id, number: updated.number, baseText: updated.baseText, proposedText: updated.proposedText },
    { status: 201 },
  );
});
