import { revokeApiToken } from '@/db/commands/token-issuer';
import { credentialsChanged } from '@/server/auth/credentials-changed';
import { endpoint } from '../../_lib/endpoint';
import { tokenParams } from '../schema';

export const DELETE = endpoint({ params: tokenParams }, async ({ db, user, params }) => {
  await revokeApiToken(db, user.id, params.tokenId);
  // Sockets opened with it close too (4401), on every process.
  await credentialsChanged(user.id);
  return { ok: true };
});
