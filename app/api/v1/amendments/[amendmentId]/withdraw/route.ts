import { draftChanged } from '@/server/resolution-text';
import { withdrawAmendment } from '@/db/commands/amendment-tabler';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { amendmentParams, withdrawBody } from '../../schema';
import { amendmentForUser } from '../../access';

export const POST = endpoint({ params: amendmentParams, body: withdrawBody }, async ({ db, user, params, body }) => {
  const { access, subject, scope } = await amendmentForUser(db, user.id, params.amendmentId);
  authorize(
    access.actor,
    'amendment:withdraw',
    subject,
    'Only members of the sponsoring delegation may withdraw this amendment.',
  );
  const { amendment, fallen } = await withdrawAmendment(db, { ...scope, reason: body.reason });
  draftChanged(params.amendmentId);
  publishProcedureEvent({
    resolutionId: scope.resolutionId,
    type: 'amendment.withdrawn',
    data: { amendmentId: amendment.id, number: amendment.number, fallen: fallen.map((f) => f.amendmentId) },
  });
  return Response.json(
    { id: amendment.id, number: amendment.number, status: amendment.status, fallen },
    { status: 201 },
  );
});
