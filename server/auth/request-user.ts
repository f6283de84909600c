import { decode } from 'next-auth/jwt';
import type { Queryable } from '../../db/client';
import { findUserByApiToken, findUserBySession } from '../../db/queries/access';
import type { User } from '../../db/schema';

/**
 * Who is asking: the same answer for route handlers (web Request) and the collaboration
 * upgrade (Node IncomingMessage), from an API token (Authorization: Bearer, or ?token= for
 * WebSockets, which cannot set headers in browsers) or the next-auth session cookie.
 */
export interface Credentials {
  authorization?: string | null;
  cookie?: string | null;
  /** ?token= on a WebSocket URL. */
  tokenParam?: string | null;
}

export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set (the server sets it at start)');
  return secret;
}

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!name) continue;
    try {
      out.set(name, decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      // A malformed cookie is ignored rather than failing the whole request.
    }
  }
  return out;
}

/** next-auth splits large session cookies into name.0, name.1, …; reassemble them. */
function sessionCookieValue(cookies: Map<string, string>): string | null {
  for (const name of SESSION_COOKIES) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join('');
  }
  return null;
}

/** What a session cookie claims (its user and session row), when it is ours and unexpired. */
export async function sessionClaims(
  cookieHeader: string | null | undefined,
): Promise<{ userId: string; sessionId: string } | null> {
  const value = sessionCookieValue(parseCookies(cookieHeader));
  if (!value) return null;
  try {
    const payload = await decode({ token: value, secret: authSecret() });
    const userId = typeof payload?.sub === 'string' ? payload.sub : null;
    // Cookies from before sessions had rows carry no sid: they no longer count.
    const sessionId = typeof payload?.sid === 'string' ? payload.sid : null;
    return userId && sessionId ? { userId, sessionId } : null;
  } catch {
    return null; // forged, expired or signed with another secret
  }
}

/**
 * The user of a session cookie, as long as its session is live: a signed cookie is not
 * enough, its row must not have been ended (sign-out, "sign out everywhere") or expired.
 */
export async function userFromSessionCookie(db: Queryable, cookieHeader: string | null | undefined) {
  const claims = await sessionClaims(cookieHeader);
  return claims ? findUserBySession(db, claims.sessionId, claims.userId) : null;
}

export function bearerToken(authorization: string | null | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m ? m[1] : null;
}

export async function userFromCredentials(db: Queryable, c: Credentials): Promise<User | null> {
  const token = bearerToken(c.authorization) ?? c.tokenParam ?? null;
  if (token) return findUserByApiToken(db, token);
  return userFromSessionCookie(db, c.cookie);
}
