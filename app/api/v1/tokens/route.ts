import { issueApiToken, listApiTokens } from '@/db/commands/token-issuer';
import { endpoint } from '../_lib/endpoint';
import { tokenBody } from './schema';

export const GET = endpoint({}, async ({ db, user }) => ({ tokens: await listApiTokens(db, user.id) }));

export const POST = endpoint({ body: tokenBody }, async ({ db, user, body }) => issueApiToken(db, user.id, body.name));
