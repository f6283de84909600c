import * as resolutions from '@/usecases/resolutions';
import { endpoint } from '../../../../../_lib/endpoint';
import { act } from '../../../../../_lib/act';
import { versionParams } from '../../../../schema';

/** Recovery: the version becomes the current text again, as one change every open editor sees. */
export const POST = endpoint({ params: versionParams }, (ctx) =>
  act(resolutions.restoreVersion, ctx, { resolutionId: ctx.params.id, versionId: ctx.params.versionId }),
);
