import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { userFromSessionCookie } from '@/server/auth/request-user';

/**
 * The signed-in user for a page, or a redirect to sign-in. Pages check the session cookie
 * the same way the API and the sockets do: a signed cookie whose session has ended (signed
 * out, "sign out everywhere") no longer counts.
 */
export async function currentUser(returnTo?: string) {
  const user = await optionalUser();
  if (!user) redirect(`/signin${returnTo ? `?callbackUrl=${encodeURIComponent(returnTo)}` : ''}`);
  return user;
}

/** Once per request: the layout, the page and the interface language all ask. */
export const optionalUser = cache(async function optionalUser() {
  // Headers first: reading them makes the page render per request (as the CSP nonce needs),
  // and a request without cookies never touches the database.
  const cookie = (await headers()).get('cookie');
  return cookie ? userFromSessionCookie(await getDb(), cookie) : null;
});
