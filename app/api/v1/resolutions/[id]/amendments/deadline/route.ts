import * as amendments from '@/usecases/amendments';
import { endpoint } from '../../../../_lib/endpoint';
import { act } from '../../../../_lib/act';
import { resolutionParams } from '../../../../resolutions/schema';
import { deadlineBody } from '../../../../amendments/schema';

export const PUT = endpoint({ params: resolutionParams, body: deadlineBody }, async (ctx) => {
  const row = await act(amendments.setTablingDeadline, ctx, {
    resolutionId: ctx.params.id,
    deadline: ctx.body.deadline === null ? null : new Date(ctx.body.deadline),
  });
  return { resolutionId: row.id, tablingDeadline: row.tablingDeadline };
});
