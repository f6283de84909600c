import type { NextAuthOptions, User as AuthUser } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../../db/client';
import { findUserByEmail } from '../../db/queries/access';
import { endSession, findLiveSession, startSession } from '../../db/commands/session-keeper';
import { linkOidcIdentity } from '../../db/commands/oidc-identity-linker';
import { dummyPasswordHash, verifyPassword } from '../../lib/auth/passwords';
import { signInWithPassword, throttledMessage } from '../../lib/auth/password-sign-in';
import { safeCallbackPath } from '../../lib/auth/callback-url';
import { log } from '../log';
import { clientAddressOf } from './client-address';
import { credentialsChanged } from './credentials-changed';
import { claimsOf, oidcProvider, oidcSettings } from './oidc';
import { signInThrottle } from './sign-in-throttle-store';
import { sessionMaxAgeSeconds } from './session-lifetime';

/**
 * Sign-in: e-mail + password, and optionally one OIDC provider configured from the
 * environment. The session cookie is a next-auth JWT naming our user (`sub`) and a session
 * row (`sid`) that every request checks (request-user.ts), so sign-out ends every copy of
 * the cookie. Roles are never put in the token but looked up per request.
 */
export { oidcConfigured } from './oidc';

const authLog = () => log('auth');

async function authorizePassword(
  credentials: Record<string, string> | undefined,
  headers: Record<string, string | string[] | undefined>,
): Promise<AuthUser | null> {
  const email = credentials?.email;
  const password = credentials?.password;
  // Bounded: bcrypt reads at most 72 bytes, and nothing longer is a real address.
  if (typeof email !== 'string' || typeof password !== 'string' || email.length > 320 || password.length > 1024) {
    return null;
  }
  const address = clientAddressOf(headers);
  const db = await getDb();
  const result = await signInWithPassword(
    { findAccount: (e) => findUserByEmail(db, e), verifyPassword, throttle: signInThrottle() },
    { email, password, address },
  );
  if (result.ok) return result.user;
  authLog().warn({ reason: result.reason, address }, 'password sign-in refused');
  // next-auth hands a thrown message to the form, where a plain `null` reads "wrong password".
  if (result.reason === 'throttled') throw new Error(throttledMessage(result.retryAfterMs));
  return null;
}

export function authOptions(): NextAuthOptions {
  // Ready before the first unknown e-mail arrives, so that one costs what the others do.
  void dummyPasswordHash();
  const oidc = oidcSettings();
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds() },
    // Refusals and provider failures come back to the sign-in page, which says what happened.
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'E-mail and password',
        credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (credentials, req) => authorizePassword(credentials, req?.headers ?? {}),
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'oidc' || !oidc) return true;
        const claims = claimsOf(profile as Record<string, unknown> | undefined, oidc);
        const linked = await linkOidcIdentity(await getDb(), claims, oidc.policy);
        if (!linked.ok) {
          authLog().warn(
            { code: linked.code, reason: linked.reason, issuer: claims.issuer, subject: claims.subject },
            'single sign-on refused',
          );
          return `/signin?error=${linked.code}`;
        }
        authLog().info(
          { outcome: linked.outcome, userId: linked.user.id, issuer: claims.issuer, subject: claims.subject },
          'single sign-on',
        );
        // next-auth passes this same object on to jwt(): from here on it is the Concord
        // account, with Concord's name, not the provider's profile.
        user.id = linked.user.id;
        user.name = linked.user.name;
        user.email = linked.user.email;
        return true;
      },
      async jwt({ token, user, account }) {
        if (!user) {
          // next-auth's own /api/auth/session: an ended session is neither shown nor renewed
          // (next-auth answers {} and clears the cookie when this throws).
          const live = typeof token.sid === 'string' && (await findLiveSession(await getDb(), token.sid));
          if (!live || live.userId !== token.sub) throw new Error('the session has ended');
          return token;
        }
        const method = account?.provider === 'oidc' ? 'oidc' : 'credentials';
        const session = await startSession(await getDb(), {
          userId: user.id,
          method,
          idToken: method === 'oidc' ? (account?.id_token ?? null) : null,
          maxAgeSeconds: sessionMaxAgeSeconds(),
        });
        return { sub: user.id, sid: session.id, name: user.name ?? '' };
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
      // Only same-origin paths are followed after sign-in (lib/auth/callback-url.ts).
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackPath(url, baseUrl)}`,
    },
    events: {
      // next-auth's own /api/auth/signout: end the session row too (the app uses /api/auth/logout).
      async signOut({ token }) {
        if (typeof token?.sid !== 'string') return;
        const ended = await endSession(await getDb(), token.sid);
        if (ended) await credentialsChanged(ended.userId);
      },
    },
    logger: {
      error: (code, metadata) => {
        // An ended session asked for at /api/auth/session is expected, not an error.
        const level = code === 'JWT_SESSION_ERROR' ? 'info' : 'error';
        authLog()[level]({ code, detail: describe(metadata) }, `next-auth: ${code}`);
      },
      warn: (code) => authLog().warn({ code }, `next-auth: ${code}`),
      debug: () => {},
    },
  };
}

/** next-auth's error metadata, reduced to what an operator needs (never tokens). */
function describe(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  if (metadata && typeof metadata === 'object') {
    const m = metadata as { error?: unknown; message?: unknown; error_description?: unknown };
    const inner = m.error instanceof Error ? m.error.message : typeof m.error === 'string' ? m.error : undefined;
    return [inner, m.message, m.error_description].filter((x) => typeof x === 'string' && x).join(': ');
  }
  return String(metadata);
}
