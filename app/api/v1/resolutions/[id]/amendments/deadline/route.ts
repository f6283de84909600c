import { resolutionForUser } from '@/db/queries/resolutions';
import { setTablingDeadline } from '@/db/commands/amendment-schedule';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { resolutionParams } from '../../../../resolutions/schema';
import { deadlineBody } from '../../../../amendments/schema';

export const PUT = endpoint({ params: resolutionParams, body: deadlineBody }, async ({ db, user, params, body }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(access.actor, 'amendment:set-deadline', { stage: access.stage });
  const deadline = body.deadline === null ? null : new Date(body.deadline);
  const row = await setTablingDeadline(db, {
    committeeId: resolution.committeeId,
    resolutionId: resolution.id,
    actorId: user.id,
    deadline,
  });
  publishProcedureEvent({
    resolutionId: resolution.id,
    type: 'amendment.deadline_set',
    data: { deadline: row.tablingDeadline?.toISOString() ?? null },
  });
  return { resolutionId: resolution.id, tablingDeadline: row.tablingDeadline };
});
