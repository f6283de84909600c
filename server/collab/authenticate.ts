import type { IncomingMessage } from 'node:http';
import type { Queryable } from '../../db/client';
import { resolutionAccess } from '../../db/queries/access';
import { userFromCredentials } from '../auth/request-user';
import { collabAccess } from '../../lib/permissions';
import { CloseCode } from '../../lib/collab/close-codes';
import { originAllowed } from './origin';

export type Access = 'write' | 'read';

export interface CollabIdentity {
  userId: string;
  userName: string;
  resolutionId: string;
  access: Access;
  /** Whether the client asked for access notices (?access=1). */
  wantsAccessNotices: boolean;
}

export type Admission = { ok: true; identity: CollabIdentity } | { ok: false; code: CloseCode; reason: string };

/** /collab/<resolution id> (the y-websocket client appends the room name to the server URL). */
export function resolutionIdFromPath(pathname: string): string | null {
  const m = /^\/collab\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

/**
 * Everything decided before a single Yjs byte is read: origin, credentials, and the user's
 * role in the resolution's committee, turned into write or read access by `can()`.
 */
export async function admit(db: Queryable, req: IncomingMessage, url: URL, allowedOrigins: readonly string[]): Promise<Admission> {
  if (!originAllowed(req, allowedOrigins)) return { ok: false, code: CloseCode.forbiddenOrigin, reason: 'origin not allowed' };
  const resolutionId = resolutionIdFromPath(url.pathname);
  if (!resolutionId) return { ok: false, code: CloseCode.notFound, reason: 'no resolution id in the path' };
  const user = await userFromCredentials(db, {
    authorization: req.headers.authorization ?? null,
    cookie: req.headers.cookie ?? null,
    tokenParam: url.searchParams.get('token'),
  });
  if (!user) return { ok: false, code: CloseCode.unauthenticated, reason: 'sign in or give an API token' };
  const decided = await accessOf(db, user.id, resolutionId);
  if (decided === 'none') return { ok: false, code: CloseCode.notFound, reason: 'no such resolution' };
  return {
    ok: true,
    identity: {
      userId: user.id,
      userName: user.name,
      resolutionId,
      access: decided,
      wantsAccessNotices: url.searchParams.get('access') === '1',
    },
  };
}

/** The access a user has now (re-asked when roles or the stage change). */
export async function accessOf(db: Queryable, userId: string, resolutionId: string): Promise<Access | 'none'> {
  const access = await resolutionAccess(db, userId, resolutionId);
  if (!access) return 'none';
  return collabAccess(access.actor, access.stage);
}
