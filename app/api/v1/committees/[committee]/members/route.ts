import { committeeForUser, listMembers } from '@/db/queries/committees';
import { addMember } from '@/db/commands/committee-roster';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { committeeParams, memberBody } from '../../schema';

export const GET = endpoint({ params: committeeParams }, async ({ db, user, params }) => {
  const { committee } = await committeeForUser(db, user.id, params.committee);
  return { members: await listMembers(db, committee.id) };
});

export const POST = endpoint({ params: committeeParams, body: memberBody }, async ({ db, user, params, body }) => {
  const { committee, actor } = await committeeForUser(db, user.id, params.committee);
  authorize(actor, 'committee:manage');
  const m = await addMember(db, committee.id, body);
  return { userId: m.userId, email: m.email, name: m.name, role: m.role, delegationId: m.delegationId };
});
