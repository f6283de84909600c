import { resolutionForUser } from '@/db/queries/resolutions';
import { changeStage } from '@/db/commands/stage-changer';
import { accessChanged, currentState } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams, stageBody } from '../../schema';
import { presentResolution } from '../../present';

export const POST = endpoint({ params: resolutionParams, body: stageBody }, async ({ db, user, params, body }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(access.actor, 'resolution:change-stage', { stage: access.stage });
  const changed = await changeStage(db, {
    resolution,
    to: body.to,
    actorId: user.id,
    state: await currentState(db, resolution.id),
  });
  accessChanged({ resolutionId: resolution.id });
  publishProcedureEvent({
    resolutionId: resolution.id,
    type: 'stage.changed',
    data: { from: resolution.stage, to: changed.stage },
  });
  return Response.json(presentResolution(changed));
});
