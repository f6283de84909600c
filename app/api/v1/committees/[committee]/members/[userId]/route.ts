import { committeeForUser } from '@/db/queries/committees';
import { changeMember, removeMember } from '@/db/commands/committee-roster';
import { accessChanged } from '@/server/resolution-text';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { memberParams, memberPatch } from '../../../schema';

export const PATCH = endpoint({ params: memberParams, body: memberPatch }, async ({ db, user, params, body }) => {
  const { committee, actor } = await committeeForUser(db, user.id, params.committee);
  authorize(actor, 'committee:manage');
  const m = await changeMember(db, committee.id, params.userId, body);
  accessChanged({ userId: params.userId });
  return { userId: m.userId, role: m.role, delegationId: m.delegationId };
});

export const DELETE = endpoint({ params: memberParams }, async ({ db, user, params }) => {
  const { committee, actor } = await committeeForUser(db, user.id, params.committee);
  authorize(actor, 'committee:manage');
  await removeMember(db, committee.id, params.userId);
  accessChanged({ userId: params.userId });
  return { ok: true };
});
