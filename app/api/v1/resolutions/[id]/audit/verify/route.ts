import { resolutionForUser } from '@/db/queries/resolutions';
import { verifyAuditChain } from '@/db/queries/audit';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { resolutionParams } from '../../../schema';

/** Recomputes the hash chain of the whole log (it is one chain); reports the first broken entry. */
export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { access } = await resolutionForUser(db, user.id, params.id);
  authorize(access.actor, 'audit:read', { stage: access.stage });
  return verifyAuditChain(db);
});
