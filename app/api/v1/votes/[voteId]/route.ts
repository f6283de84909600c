import { voteForUser } from '@/db/queries/votes';
import { presentVoteTo } from '@/usecases/reads/votes';
import { endpoint } from '../../_lib/endpoint';
import { voteParams } from '../../procedure/schema';

export const GET = endpoint({ params: voteParams }, async ({ db, user, params }) => {
  const { vote, access } = await voteForUser(db, user.id, params.voteId);
  return presentVoteTo(db, vote, access);
});
