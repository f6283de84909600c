import * as roster from '@/usecases/roster';
import { endpoint } from '../../../../_lib/endpoint';
import { act } from '../../../../_lib/act';
import { delegationParams, delegationPatch } from '../../../schema';

export const PATCH = endpoint({ params: delegationParams, body: delegationPatch }, (ctx) =>
  act(roster.updateDelegation, ctx, { ...ctx.params, ...ctx.body }),
);

export const DELETE = endpoint({ params: delegationParams }, async (ctx) => {
  await act(roster.removeDelegation, ctx, ctx.params);
  return { ok: true };
});
