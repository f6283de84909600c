import { revokeApiToken } from '@/db/commands/token-issuer';
import { endpoint } from '../../_lib/endpoint';
import { tokenParams } from '../schema';

export const DELETE = endpoint({ params: tokenParams }, async ({ db, user, params }) => {
  await revokeApiToken(db, user.id, params.tokenId);
  return { ok: true };
});
