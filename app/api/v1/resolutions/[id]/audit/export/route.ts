import { resolutionForUser } from '@/db/queries/resolutions';
import { exportAuditChain } from '@/db/queries/audit';
import { INSTALLATION_COMMITTEE } from '@/db/commands/audit-recorder';
import { endpoint } from '../../../../_lib/endpoint';
import { authorize } from '../../../../_lib/authorize';
import { resolutionParams } from '../../../schema';

/**
 * The whole keyed chain as JSON, for someone outside Concord who holds the key to check
 * (README, "Security"). Entries of other committees keep only their link and digest.
 */
export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(access.actor, 'audit:export', {}, 'The chair or the secretariat exports the audit chain.');
  const chain = await exportAuditChain(
    db,
    (committeeId) => committeeId === resolution.committeeId || committeeId === INSTALLATION_COMMITTEE,
  );
  return Response.json(chain, {
    headers: {
      'content-disposition': `attachment; filename="concord-audit-${new Date().toISOString().slice(0, 10)}.json"`,
    },
  });
});
