import { draftChanged } from '@/server/resolution-text';
import { tableAmendment } from '@/db/commands/amendment-tabler';
import { currentParagraphs } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { amendmentParams } from '../../schema';
import { amendmentForUser } from '../../access';

export const POST = endpoint({ params: amendmentParams }, async ({ db, user, params }) => {
  const { access, subject, scope } = await amendmentForUser(db, user.id, params.amendmentId);
  const notNow =
    access.stage !== 'amendments'
      ? `Amendments can be tabled only at the amendments stage; the resolution is at the ${access.stage} stage.`
      : undefined;
  authorize(
    access.actor,
    'amendment:table',
    subject,
    notNow ?? 'Only the sponsoring or a co-sponsoring delegation (or the secretariat) may table this amendment.',
  );
  const tabled = await tableAmendment(db, { ...scope, paragraphs: await currentParagraphs(db, scope.resolutionId) });
  draftChanged(params.amendmentId);
  publishProcedureEvent({
    resolutionId: scope.resolutionId,
    type: 'amendment.tabled',
    data: { amendmentId: tabled.id, number: tabled.number },
  });
  return Response.json({ id: tabled.id, number: tabled.number, status: tabled.status }, { status: 201 });
});
