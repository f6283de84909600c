import { committeeForUser } from '@/db/queries/committees';
import { endpoint } from '../../_lib/endpoint';
import { committeeParams } from '../schema';
import { presentCommittee as present } from '@/usecases/reads/committees';

export const GET = endpoint({ params: committeeParams }, async ({ db, user, params }) => {
  const { committee, actor } = await committeeForUser(db, user.id, params.committee);
  return { ...present(committee), role: actor.role, delegationId: actor.delegationId };
});
