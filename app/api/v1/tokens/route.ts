import { tokensOf } from '@/usecases/reads/tokens';
import * as tokens from '@/usecases/tokens';
import { endpoint } from '../_lib/endpoint';
import { act } from '../_lib/act';
import { tokenBody } from './schema';

export const GET = endpoint({}, async ({ db, user }) => ({ tokens: await tokensOf(db, user.id) }));

export const POST = endpoint({ body: tokenBody }, (ctx) => act(tokens.issueToken, ctx, { name: ctx.body.name }));
