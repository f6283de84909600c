import { committeeForUser, listDelegations } from '@/db/queries/committees';
import { addDelegation } from '@/db/commands/committee-roster';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { committeeParams, delegationBody } from '../../schema';

export const GET = endpoint({ params: committeeParams }, async ({ db, user, params }) => {
  const { committee } = await committeeForUser(db, user.id, params.committee);
  return { delegations: await listDelegations(db, committee.id) };
});

export const POST = endpoint({ params: committeeParams, body: delegationBody }, async ({ db, user, params, body }) => {
  const { committee, actor } = await committeeForUser(db, user.id, params.committee);
  authorize(actor, 'committee:manage');
  return addDelegation(db, committee.id, body);
});
