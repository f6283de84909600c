import * as tokens from '@/usecases/tokens';
import { endpoint } from '../../_lib/endpoint';
import { act } from '../../_lib/act';
import { tokenParams } from '../schema';

export const DELETE = endpoint({ params: tokenParams }, (ctx) =>
  act(tokens.revokeToken, ctx, { tokenId: ctx.params.tokenId }),
);
