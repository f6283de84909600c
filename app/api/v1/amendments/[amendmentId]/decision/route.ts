import { decideAmendment } from '@/server/amendment-adoption';
import { conflict } from '@/lib/errors';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { amendmentParams, decisionBody } from '../../schema';
import { amendmentForUser } from '../../access';

export const POST = endpoint({ params: amendmentParams, body: decisionBody }, async ({ db, user, params, body }) => {
  const { access, subject, scope } = await amendmentForUser(db, user.id, params.amendmentId);
  authorize(
    access.actor,
    'amendment:decide',
    subject,
    'Only the chair or the secretariat records decisions on amendments.',
  );
  if (access.stage !== 'amendments' && access.stage !== 'voting') {
    throw conflict(
      'stage',
      `Amendments are decided at the amendments or voting stage; the resolution is at the ${access.stage} stage.`,
    );
  }
  const result = await decideAmendment(db, {
    ...scope,
    outcome: body.outcome,
    method: body.method,
    voteId: body.voteId,
  });
  return Response.json(
    {
      id: result.amendment.id,
      number: result.amendment.number,
      status: result.amendment.status,
      fallen: result.fallen,
      rebased: result.rebased,
      textChanged: result.paragraphs !== null,
    },
    { status: 201 },
  );
});
