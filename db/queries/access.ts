import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../client';
import { apiTokens, committees, memberships, resolutions, sessions, users, type User } from '../schema';
import { hashApiToken, looksLikeApiToken } from '../../lib/auth/tokens';
import type { Actor, Role } from '../../lib/permissions';
import type { Stage } from '../../lib/resolution/types';

const TOUCH_INTERVAL_MS = 60_000;

/**
 * The user an API token belongs to, or null for an unknown or revoked token. Asked on every
 * request, never cached — a revoked token stops at once —, but the tokens asked for in the
 * same turn of the event loop (190 delegations voting in the same second) are looked up in
 * one query, and those due a "last used" note are touched in one statement.
 */
export function findUserByApiToken(db: Queryable, token: string): Promise<User | null> {
  if (!looksLikeApiToken(token)) return Promise.resolve(null);
  const hash = hashApiToken(token);
  let pending = pendingTokens.get(db);
  if (!pending) {
    const batch = new Map<string, TokenWaiter[]>();
    pending = batch;
    pendingTokens.set(db, batch);
    setImmediate(() => {
      pendingTokens.delete(db);
      void lookUpTokens(db, batch);
    });
  }
  const waiters = pending.get(hash) ?? [];
  pending.set(hash, waiters);
  return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
}

interface TokenWaiter {
  resolve(user: User | null): void;
  reject(e: unknown): void;
}

const pendingTokens = new WeakMap<Queryable, Map<string, TokenWaiter[]>>();

async function lookUpTokens(db: Queryable, batch: Map<string, TokenWaiter[]>): Promise<void> {
  let rows: { user: User; tokenId: string; tokenHash: string; lastUsedAt: Date | null }[];
  try {
    rows = await db
      .select({ user: users, tokenId: apiTokens.id, tokenHash: apiTokens.tokenHash, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(inArray(apiTokens.tokenHash, [...batch.keys()]), isNull(apiTokens.revokedAt)));
  } catch (e) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
    return;
  }
  const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
  for (const [hash, waiters] of batch) for (const w of waiters) w.resolve(byHash.get(hash)?.user ?? null);
  // Best effort; a failed touch must not fail the request. At most once a minute: a script
  // or a vote in progress would otherwise add a write to every request.
  const now = Date.now();
  const due = rows.filter((r) => !r.lastUsedAt || now - r.lastUsedAt.getTime() > TOUCH_INTERVAL_MS);
  if (due.length > 0)
    db.update(apiTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(
        inArray(
          apiTokens.id,
          due.map((r) => r.tokenId),
        ),
      )
      .catch(() => {});
}

/**
 * The user a session cookie speaks for, or null when that session was ended (signed out,
 * "sign out everywhere") or has expired: one query per request, on every process.
 */
export async function findUserBySession(db: Queryable, sessionId: string, userId: string): Promise<User | null> {
  return (await findLiveSessionUser(db, sessionId, userId))?.user ?? null;
}

/** A live session's user and when the session expires (a socket opened with it closes then). */
export async function findLiveSessionUser(
  db: Queryable,
  sessionId: string,
  userId: string,
): Promise<{ user: User; expiresAt: Date } | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return null;
  const [row] = await db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

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
