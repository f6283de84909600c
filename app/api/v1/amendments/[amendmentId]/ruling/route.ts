import { ruleInadmissible } from '@/db/commands/amendment-tabler';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { amendmentParams, rulingBody } from '../../schema';
import { amendmentForUser } from '../../access';

export const POST = endpoint({ params: amendmentParams, body: rulingBody }, async ({ db, user, params, body }) => {
  const { access, subject, scope } = await amendmentForUser(db, user.id, params.amendmentId);
  authorize(access.actor, 'amendment:rule', subject, 'Only the chair rules on the admissibility of amendments.');
  const { amendment, fallen } = await ruleInadmissible(db, { ...scope, reason: body.reason });
  publishProcedureEvent({
    resolutionId: scope.resolutionId,
    type: 'amendment.ruled',
    data: { amendmentId: amendment.id, number: amendment.number, fallen: fallen.map((f) => f.amendmentId) },
  });
  return Response.json(
    {
      id: amendment.id,
      number: amendment.number,
      status: amendment.status,
      statusReason: amendment.statusReason,
      fallen,
    },
    { status: 201 },
  );
});
