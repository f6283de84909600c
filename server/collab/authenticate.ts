import type { IncomingMessage } from 'node:http';
import type { Queryable } from '../../db/client';
import {
  findLiveSessionUser,
  findUserByApiToken,
  findUserBySession,
  isUuid,
  resolutionAccess,
} from '../../db/queries/access';
import { and, eq, isNull } from 'drizzle-orm';
import { bearerToken, sessionClaims } from '../auth/request-user';
import { apiTokens, delegations, type User } from '../../db/schema';
import { presenceUser, type PresenceUser } from '../../lib/editor/presence';
import { hashApiToken } from '../../lib/auth/tokens';
import { collabAccess, draftCollabAccess } from '../../lib/permissions';
import { languageRoomAccess, languageRoomFromPath } from './language-access';
import { findAmendment } from '../../db/queries/amendments';
import { draftRoomName } from '../../lib/amendments/draft-text';
import { CloseCode } from '../../lib/collab/close-codes';
import { originAllowed } from './origin';

export type Access = 'write' | 'read';

export interface CollabIdentity {
  userId: string;
  userName: string;
  /** The resolution the room belongs to (a draft amendment's room: its resolution's). */
  resolutionId: string;
  /** Set for a draft amendment's room. */
  amendmentId: string | null;
  /** Set for a language version's room ("<resolution id>/<language>"). */
  language?: string;
  /** The room name: the resolution id, or "amendment/<id>". Also the relay key. */
  room: string;
  access: Access;
  /** Whether the client asked for access notices (?access=1). */
  wantsAccessNotices: boolean;
  /**
   * What the socket was opened with: an API token (kept as its hash) or a session. Checked
   * again when the user's credentials change (revocation, sign-out): a socket outlives
   * neither its token nor its session.
   */
  credential?: Credential;
  /** The `user` part of this socket's presence entries (set once admitted). */
  presence?: PresenceUser;
}

/** Who a socket's presence entries say they are: filled by the server, never by the client. */
export async function presenceOf(db: Queryable, userId: string, userName: string, resolutionId: string) {
  const access = await resolutionAccess(db, userId, resolutionId).catch(() => null);
  let delegation: string | null = null;
  if (access?.actor.delegationId) {
    const [row] = await db
      .select({ name: delegations.name })
      .from(delegations)
      .where(eq(delegations.id, access.actor.delegationId));
    delegation = row?.name ?? null;
  }
  return presenceUser({ name: userName, delegation, role: access?.actor.role ?? '' });
}

/** API tokens do not expire (they are revoked); a session expires at `expiresAt` (ms since the epoch). */
export type Credential =
  | { kind: 'token'; tokenHash: string }
  | { kind: 'session'; sessionId: string; expiresAt: number };

/** Whether a socket's credential still holds (token not revoked; session neither ended nor expired). */
export async function credentialHolds(db: Queryable, userId: string, credential: Credential): Promise<boolean> {
  if (credential.kind === 'token') {
    const [row] = await db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(
        and(eq(apiTokens.tokenHash, credential.tokenHash), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)),
      );
    return !!row;
  }
  return (await findUserBySession(db, credential.sessionId, userId)) !== null;
}

export type Admission = { ok: true; identity: CollabIdentity } | { ok: false; code: CloseCode; reason: string };

export type Room =
  | { kind: 'resolution'; resolutionId: string }
  | { kind: 'amendment'; amendmentId: string }
  | { kind: 'language'; resolutionId: string; language: string };

/**
 * /collab/<resolution id>, or /collab/amendment/<amendment id> for a draft amendment that
 * its co-sponsors edit together (the y-websocket client appends the room name to the
 * server URL, so the room names are "<resolution id>" and "amendment/<amendment id>").
 */
export function roomFromPath(pathname: string): Room | null {
  const language = languageRoomFromPath(pathname);
  if (language) return language;
  const m = /^\/collab\/(?:(amendment)\/)?([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return m[1] ? { kind: 'amendment', amendmentId: id } : { kind: 'resolution', resolutionId: id };
}

/**
 * Everything decided before a single Yjs byte is read: origin, credentials, and the user's
 * role in the resolution's committee, turned into write or read access by `can()`.
 */
export async function admit(
  db: Queryable,
  req: IncomingMessage,
  url: URL,
  allowedOrigins: readonly string[],
): Promise<Admission> {
  if (!originAllowed(req, allowedOrigins))
    return { ok: false, code: CloseCode.forbiddenOrigin, reason: 'origin not allowed' };
  const room = roomFromPath(url.pathname);
  if (!room) return { ok: false, code: CloseCode.notFound, reason: 'no resolution id in the path' };
  const admitted = await credentialsOf(db, req, url);
  if (!admitted) return { ok: false, code: CloseCode.unauthenticated, reason: 'sign in or give an API token' };
  const { user, credential } = admitted;
  const wantsAccessNotices = url.searchParams.get('access') === '1';
  if (room.kind === 'language') {
    const access = await languageRoomAccess(db, user.id, room.resolutionId, room.language);
    if (access === 'none') return { ok: false, code: CloseCode.notFound, reason: 'no such language version' };
    return {
      ok: true,
      identity: {
        userId: user.id,
        userName: user.name,
        resolutionId: room.resolutionId,
        amendmentId: null,
        language: room.language,
        room: `${room.resolutionId}/${room.language}`,
        access,
        wantsAccessNotices,
        credential,
      },
    };
  }
  if (room.kind === 'amendment') {
    const decided = await draftAccessOf(db, user.id, room.amendmentId);
    if (decided.access === 'none') return { ok: false, code: CloseCode.notFound, reason: 'no such amendment' };
    return {
      ok: true,
      identity: {
        userId: user.id,
        userName: user.name,
        resolutionId: decided.resolutionId,
        amendmentId: room.amendmentId,
        room: draftRoomName(room.amendmentId),
        access: decided.access,
        wantsAccessNotices,
        credential,
      },
    };
  }
  const decided = await accessOf(db, user.id, room.resolutionId);
  if (decided === 'none') return { ok: false, code: CloseCode.notFound, reason: 'no such resolution' };
  return {
    ok: true,
    identity: {
      userId: user.id,
      userName: user.name,
      resolutionId: room.resolutionId,
      amendmentId: null,
      room: room.resolutionId,
      access: decided,
      wantsAccessNotices,
      credential,
    },
  };
}

/** Who opens the socket, and with what: an API token (as with any request), else the session cookie. */
async function credentialsOf(
  db: Queryable,
  req: IncomingMessage,
  url: URL,
): Promise<{ user: User; credential: Credential } | null> {
  const token = bearerToken(req.headers.authorization ?? null) ?? url.searchParams.get('token');
  if (token) {
    const user = await findUserByApiToken(db, token);
    return user ? { user, credential: { kind: 'token', tokenHash: hashApiToken(token) } } : null;
  }
  const claims = await sessionClaims(req.headers.cookie ?? null);
  const live = claims ? await findLiveSessionUser(db, claims.sessionId, claims.userId) : null;
  if (!claims || !live) return null;
  return {
    user: live.user,
    credential: { kind: 'session', sessionId: claims.sessionId, expiresAt: live.expiresAt.getTime() },
  };
}

/** The access a user has now (re-asked when roles or the stage change). */
export async function accessOf(db: Queryable, userId: string, resolutionId: string): Promise<Access | 'none'> {
  const access = await resolutionAccess(db, userId, resolutionId);
  if (!access) return 'none';
  return collabAccess(access.actor, access.stage);
}

/**
 * A draft amendment's room: its sponsoring and co-sponsoring delegations (and the
 * secretariat) write while it is a draft; whoever may see it reads (the chair sees drafts;
 * once tabled, the whole committee); nobody else learns it exists.
 */
export async function draftAccessOf(
  db: Queryable,
  userId: string,
  amendmentId: string,
): Promise<{ access: Access | 'none'; resolutionId: string }> {
  if (!isUuid(amendmentId)) return { access: 'none', resolutionId: '' };
  const amendment = await findAmendment(db, amendmentId).catch(() => null);
  if (!amendment) return { access: 'none', resolutionId: '' };
  const access = await resolutionAccess(db, userId, amendment.resolutionId);
  if (!access) return { access: 'none', resolutionId: amendment.resolutionId };
  return { access: draftCollabAccess(access.actor, access.stage, amendment), resolutionId: amendment.resolutionId };
}

/** The access of a collaboration socket, whichever room it is in. */
export async function identityAccess(
  db: Queryable,
  identity: Pick<CollabIdentity, 'userId' | 'resolutionId' | 'amendmentId' | 'language'>,
): Promise<Access | 'none'> {
  if (identity.language) return languageRoomAccess(db, identity.userId, identity.resolutionId, identity.language);
  if (identity.amendmentId) return (await draftAccessOf(db, identity.userId, identity.amendmentId)).access;
  return accessOf(db, identity.userId, identity.resolutionId);
}
