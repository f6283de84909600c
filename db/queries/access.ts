import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../client';
import { apiTokens, committees, memberships, resolutions, sessions, users, type User } from '../schema';
import { hashApiToken, looksLikeApiToken } from '../../lib/auth/tokens';
import { sameTickLookup } from './same-tick';
import type { Actor, Role } from '../../lib/permissions';
import type { Stage } from '../../lib/resolution/types';

const TOUCH_INTERVAL_MS = 60_000;

/**
 * The user an API token belongs to, or null for an unknown or revoked token. Asked on every
 * request, never cached — a revoked token stops at once —, but the tokens asked for together
 * (190 delegations voting in the same second) are looked up in one query (same-tick.ts), and
 * those due a "last used" note are touched together a moment later.
 */
export async function findUserByApiToken(db: Queryable, token: string): Promise<User | null> {
  if (!looksLikeApiToken(token)) return null;
  return (await tokenUser(db, hashApiToken(token))) ?? null;
}

const tokenUser = sameTickLookup(async (db, hashes: string[]) => {
  const rows = await db
    .select({ user: users, tokenId: apiTokens.id, tokenHash: apiTokens.tokenHash, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(inArray(apiTokens.tokenHash, hashes), isNull(apiTokens.revokedAt)));
  const now = Date.now();
  touchLater(
    db,
    rows.filter((r) => !r.lastUsedAt || now - r.lastUsedAt.getTime() > TOUCH_INTERVAL_MS).map((r) => r.tokenId),
  );
  return new Map(rows.map((r) => [r.tokenHash, r.user]));
});

/**
 * "Last used" notes, at most once a minute per token, written together a moment later: a
 * write in the middle of a burst of ballots would queue on PGlite's one connection ahead of
 * them. Best effort — a failed or lost note must not fail a request.
 */
const TOUCH_DELAY_MS = 2_000;
const dueTouches = new WeakMap<Queryable, Set<string>>();

function touchLater(db: Queryable, tokenIds: string[]): void {
  if (tokenIds.length === 0) return;
  let due = dueTouches.get(db);
  if (!due) {
    const ids = new Set<string>();
    due = ids;
    dueTouches.set(db, ids);
    setTimeout(() => {
      dueTouches.delete(db);
      db.update(apiTokens)
        .set({ lastUsedAt: new Date() })
        .where(inArray(apiTokens.id, [...ids]))
        .catch(() => {});
    }, TOUCH_DELAY_MS).unref();
  }
  for (const id of tokenIds) due.add(id);
}

/**
 * The user a session cookie speaks for, or null when that session was ended (signed out,
 * "sign out everywhere") or has expired: one query per request, on every process.
 */
export async function findUserBySession(db: Queryable, sessionId: string, userId: string): Promise<User | null> {
  return (await findLiveSessionUser(db, sessionId, userId))?.user ?? null;
}

/**
 * A live session's user and when the session expires (a socket opened with it closes then).
 * Read on every request, never cached (signing out ends the session at once); the sessions
 * asked for together are read in one query (same-tick.ts).
 */
export async function findLiveSessionUser(
  db: Queryable,
  sessionId: string,
  userId: string,
): Promise<{ user: User; expiresAt: Date } | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return null;
  const found = await liveSession(db, sessionId);
  return found && found.user.id === userId ? found : null;
}

const liveSession = sameTickLookup(async (db, ids: string[]) => {
  const rows = await db
    .select({ id: sessions.id, user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.id, ids), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
  return new Map(rows.map((r) => [r.id, { user: r.user, expiresAt: r.expiresAt }]));
});

export async function findUserById(db: Queryable, id: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

/** The user as an actor in one committee (role null when they have none there). */
export async function actorInCommittee(db: Queryable, userId: string, committeeId: string): Promise<Actor> {
  const [m] = await db
    .select({ role: memberships.role, delegationId: memberships.delegationId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.committeeId, committeeId)));
  return { userId, role: (m?.role as Role | undefined) ?? null, delegationId: m?.delegationId ?? null };
}

export interface ResolutionAccess {
  actor: Actor;
  resolutionId: string;
  committeeId: string;
  stage: Stage;
}

/**
 * What a user may touch in one resolution. Null when the resolution does not exist or the
 * user has no role in its committee: callers answer both with the same 404, so an outsider
 * cannot even learn that the id exists.
 */
export async function resolutionAccess(
  db: Queryable,
  userId: string,
  resolutionId: string,
): Promise<ResolutionAccess | null> {
  if (!isUuid(resolutionId)) return null;
  const [row] = await db
    .select({
      committeeId: resolutions.committeeId,
      stage: resolutions.stage,
      role: memberships.role,
      delegationId: memberships.delegationId,
    })
    .from(resolutions)
    .innerJoin(committees, eq(committees.id, resolutions.committeeId))
    .leftJoin(memberships, and(eq(memberships.committeeId, resolutions.committeeId), eq(memberships.userId, userId)))
    .where(eq(resolutions.id, resolutionId));
  if (!row?.role) return null;
  return {
    actor: { userId, role: row.role as Role, delegationId: row.delegationId ?? null },
    resolutionId,
    committeeId: row.committeeId,
    stage: row.stage as Stage,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
