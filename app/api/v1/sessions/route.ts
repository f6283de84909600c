import { listLiveSessions } from '@/db/commands/session-keeper';
import { endEverySession } from '@/server/auth/sign-out';
import { endpoint } from '../_lib/endpoint';

export const GET = endpoint({}, async ({ db, user }) => ({ sessions: await listLiveSessions(db, user.id) }));

export const DELETE = endpoint({}, async ({ user }) => ({ ended: await endEverySession(user.id) }));
