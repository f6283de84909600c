import { draftChanged } from '@/server/resolution-text';
import { updateDraftAmendment } from '@/db/commands/amendment-drafter';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../_lib/endpoint';
import { authorize } from '../../_lib/authorize';
import { amendmentParams, updateDraftBody } from '../schema';
import { amendmentForUser } from '../access';
import { loadCompilation, presentHistory } from '../present';

export const GET = endpoint({ params: amendmentParams }, async ({ db, user, params }) => {
  const { amendment, resolution, access } = await amendmentForUser(db, user.id, params.amendmentId);
  const { amendments } = await loadCompilation(db, resolution, access.actor);
  const presented = amendments.find((a) => a.id === amendment.id)!;
  return { ...presented, history: await presentHistory(db, amendment.id) };
});

export const PATCH = endpoint(
  { params: amendmentParams, body: updateDraftBody },
  async ({ db, user, params, body }) => {
    const { access, subject, scope } = await amendmentForUser(db, user.id, params.amendmentId);
    authorize(
      access.actor,
      'amendment:edit',
      subject,
      'Only members of the sponsoring or a co-sponsoring delegation (or the secretariat) may edit this amendment.',
    );
    const updated = await updateDraftAmendment(db, { ...scope, ...body });
    draftChanged(params.amendmentId);
    publishProcedureEvent({
      resolutionId: scope.resolutionId,
      type: 'amendment.edited',
      data: { amendmentId: updated.id },
    });
    return { id: updated.id, status: updated.status, proposedText: updated.proposedText, rationale: updated.rationale };
  },
);
