import * as tokens from '@/usecases/tokens';
import { credentialsChanged } from '@/server/auth/credentials-changed';
import { endpoint } from '../../_lib/endpoint';
import { act } from '../../_lib/act';
import { tokenParams } from '../schema';

export const DELETE = endpoint({ params: tokenParams }, async (ctx) => {
  const result = await act(tokens.revokeToken, ctx, { tokenId: ctx.params.tokenId });
  // Sockets opened with the token close too (4401), on every process.
  await credentialsChanged(ctx.user.id);
  return result;
});
