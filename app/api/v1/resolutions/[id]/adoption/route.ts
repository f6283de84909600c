import { resolutionForUser } from '@/db/queries/resolutions';
import { declareAdoption } from '@/db/commands/adoption-declarer';
import { accessChanged, currentState } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams } from '../../schema';
import { presentResolution } from '../../present';
import { adoptionBody } from '../../../procedure/schema';

/** The chair declares the resolution adopted by consensus; the text is frozen as adopted. */
export const POST = endpoint({ params: resolutionParams, body: adoptionBody }, async ({ db, user, params, body }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(access.actor, 'resolution:adopt', { stage: access.stage }, 'Only the chair declares a resolution adopted.');
  const adopted = await declareAdoption(db, {
    resolutionId: resolution.id,
    method: body.method,
    date: body.date,
    place: body.place,
    session: body.session,
    actorId: user.id,
    state: await currentState(db, resolution.id),
  });
  // Open editors become read-only now: the adopted text is final.
  accessChanged({ resolutionId: resolution.id });
  publishProcedureEvent({ resolutionId: resolution.id, type: 'resolution.adopted', data: { method: body.method } });
  publishProcedureEvent({
    resolutionId: resolution.id,
    type: 'stage.changed',
    data: { from: resolution.stage, to: 'adopted' },
  });
  return presentResolution(adopted);
});
