import * as resolutions from '@/usecases/resolutions';
import { endpoint } from '../../../_lib/endpoint';
import { act } from '../../../_lib/act';
import { resolutionParams } from '../../schema';
import { presentResolution } from '@/usecases/reads/resolutions';
import { adoptionBody } from '../../../procedure/schema';

/** The chair declares the resolution adopted by consensus; the text is frozen as adopted. */
export const POST = endpoint({ params: resolutionParams, body: adoptionBody }, async (ctx) => {
  const adopted = await act(resolutions.adopt, ctx, { resolutionId: ctx.params.id, ...ctx.body });
  return presentResolution(adopted);
});
