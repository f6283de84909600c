import * as resolutions from '@/usecases/resolutions';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams, stageBody } from '../../schema';
import { presentResolution } from '@/usecases/reads/resolutions';

export const POST = endpoint({ params: resolutionParams, body: stageBody }, async (ctx) => {
  const changed = await act(resolutions.changeStage, ctx, { resolutionId: ctx.params.id, to: ctx.body.to });
  return Response.json(presentResolution(changed));
});
