import * as roster from '@/usecases/roster';
import { endpoint } from '../../../../_lib/endpoint';
import { act } from '../../../../_lib/act';
import { memberParams, memberPatch } from '../../../schema';

export const PATCH = endpoint({ params: memberParams, body: memberPatch }, async (ctx) => {
  const { member } = await act(roster.changeMember, ctx, { ...ctx.params, ...ctx.body });
  return { userId: member.userId, role: member.role, delegationId: member.delegationId };
});

export const DELETE = endpoint({ params: memberParams }, async (ctx) => {
  await act(roster.removeMember, ctx, ctx.params);
  return { ok: true };
});
