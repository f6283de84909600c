import { committeeForUser } from '@/db/queries/committees';
import { removeDelegation, updateDelegation } from '@/db/commands/committee-roster';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { delegationParams, delegationPatch } from '../../../schema';

export const PATCH = endpoint(
  { params: delegationParams, body: delegationPatch },
  async ({ db, user, params, body }) => {
    const { committee, actor } = await committeeForUser(db, user.id, params.committee);
    authorize(actor, 'committee:manage');
    return updateDelegation(db, committee.id, params.delegationId, body);
  },
);

export const DELETE = endpoint({ params: delegationParams }, async ({ db, user, params }) => {
  const { committee, actor } = await committeeForUser(db, user.id, params.committee);
  authorize(actor, 'committee:manage');
  await removeDelegation(db, committee.id, params.delegationId);
  return { ok: true };
});
