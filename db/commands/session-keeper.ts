import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Queryable } from '../client';
import { sessions } from '../schema';

/**
 * Signed-in browsers. A row is created at sign-in and named in the session cookie; ending it
 * (sign-out, "sign out everywhere") makes every copy of that cookie worthless at once.
 */
export type SessionMethod = 'credentials' | 'oidc';

/** Rows this long past their expiry are deleted when their user next signs in. */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;

export async function startSession(
  db: Queryable,
  props: { userId: string; method: SessionMethod; idToken?: string | null; maxAgeSeconds: number },
): Promise<{ id: string }> {
  const now = Date.now();
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, props.userId), lt(sessions.expiresAt, new Date(now - KEEP_EXPIRED_MS))));
  const [row] = await db
    .insert(sessions)
    .values({
      userId: props.userId,
      method: props.method,
      idToken: props.idToken ?? null,
      expiresAt: new Date(now + props.maxAgeSeconds * 1000),
    })
    .returning({ id: sessions.id });
  return row;
}

/** Ends one session; returns it (for its ID token) when it was live. */
export async function endSession(db: Queryable, sessionId: string) {
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId, method: sessions.method, idToken: sessions.idToken });
  return row ?? null;
}

/** Ends every live session of a user ("sign out everywhere"); returns how many there were. */
export async function endAllSessions(db: Queryable, userId: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .returning({ id: sessions.id });
  return rows.length;
}

/** A session's row while it is live (neither ended nor expired). */
export async function findLiveSession(db: Queryable, sessionId: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
  return row ?? null;
}

export async function listLiveSessions(db: Queryable, userId: string) {
  return db
    .select({ id: sessions.id, method: sessions.method, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(sessions.createdAt);
}
