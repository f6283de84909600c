import { resolutionForUser } from '@/db/queries/resolutions';
import { endpoint } from '../../../../_lib/endpoint';
import { resolutionParams, compareVersionsQuery } from '../../../schema';
import { compareVersionRefs } from '@/usecases/reads/version-comparison';

export const GET = endpoint(
  { params: resolutionParams, query: compareVersionsQuery },
  async ({ db, user, params, query }) => {
    const { resolution } = await resolutionForUser(db, user.id, params.id);
    return compareVersionRefs(db, resolution.id, query.from, query.to);
  },
);
