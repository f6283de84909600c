import * as roster from '@/usecases/roster';
import { act } from '../../../_lib/act';
import { committeeForUser, listMembers } from '@/db/queries/committees';
import { endpoint } from '../../../_lib/endpoint';
import { committeeParams, memberBody } from '../../schema';

export const GET = endpoint({ params: committeeParams }, async ({ db, user, params }) => {
  const { committee } = await committeeForUser(db, user.id, params.committee);
  return { members: await listMembers(db, committee.id) };
});

export const POST = endpoint({ params: committeeParams, body: memberBody }, async (ctx) => {
  const { member: m } = await act(roster.addMember, ctx, { ...ctx.body, committee: ctx.params.committee });
  return { userId: m.userId, email: m.email, name: m.name, role: m.role, delegationId: m.delegationId };
});
