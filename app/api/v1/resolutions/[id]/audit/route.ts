import { resolutionForUser } from '@/db/queries/resolutions';
import { listAuditEvents } from '@/db/queries/audit';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams } from '../../schema';
import { auditListQuery } from '../../../procedure/schema';

export const GET = endpoint(
  { params: resolutionParams, query: auditListQuery },
  async ({ db, user, params, query }) => {
    const { resolution, access } = await resolutionForUser(db, user.id, params.id);
    authorize(access.actor, 'audit:read', { stage: access.stage });
    const events = await listAuditEvents(db, resolution.id);
    return { events: events.slice(-query.limit) };
  },
);
