import { getDb } from '../../db/client';
import { endAllSessions, endSession } from '../../db/commands/session-keeper';
import { log } from '../log';
import { credentialsChanged } from './credentials-changed';
import { providerLogout } from './oidc-logout';
import { oidcSettings } from './oidc';
import { parseCookies, SESSION_COOKIES, sessionClaims } from './request-user';

/**
 * Signing out: the session row ends (so every copy of the cookie stops working, in pages,
 * the API and sockets), the browser's cookie is cleared, and — when the session came from
 * single sign-on and the provider offers it — the browser goes on to end the provider's
 * session too. "Everywhere" ends every session of the account.
 */
export interface SignOutResult {
  /** Where the browser goes next: the provider's logout, or the sign-in page. */
  redirect: string;
  ended: number;
}

export async function signOut(
  request: { cookie: string | null; everywhere: boolean },
  siteUrl: string,
): Promise<SignOutResult> {
  const signedOutPage = `${siteUrl}/signin`;
  const claims = await sessionClaims(request.cookie);
  if (!claims) return { redirect: `${signedOutPage}?signedOut=1`, ended: 0 };
  const db = await getDb();
  const ended = await endSession(db, claims.sessionId);
  let count = ended ? 1 : 0;
  if (request.everywhere) count += await endAllSessions(db, claims.userId);
  await credentialsChanged(claims.userId);
  log('auth').info({ userId: claims.userId, sessions: count, everywhere: request.everywhere }, 'signed out');

  const oidc = oidcSettings();
  if (ended?.method === 'oidc' && ended.idToken && oidc) {
    const provider = await providerLogout(oidc, ended.idToken, signedOutPage);
    if (provider.url !== null) return { redirect: provider.url, ended: count };
    if (provider.reason === 'unreachable')
      return { redirect: `${signedOutPage}?signedOut=provider-unreachable`, ended: count };
  }
  return { redirect: `${signedOutPage}?signedOut=1`, ended: count };
}

/** "Sign out everywhere" for a script (DELETE /api/v1/sessions): every session of the account ends. */
export async function endEverySession(userId: string): Promise<number> {
  const count = await endAllSessions(await getDb(), userId);
  await credentialsChanged(userId);
  log('auth').info({ userId, sessions: count, everywhere: true }, 'signed out');
  return count;
}

/** Set-Cookie values that delete every session cookie (and its chunks) the browser sent. */
export function clearedSessionCookies(cookieHeader: string | null): string[] {
  const sent = [...parseCookies(cookieHeader).keys()];
  const names = new Set(SESSION_COOKIES);
  for (const name of sent) {
    if (SESSION_COOKIES.some((base) => name.startsWith(`${base}.`))) names.add(name);
  }
  return [...names].map(
    (name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith('__Secure-') ? '; Secure' : ''}`,
  );
}
