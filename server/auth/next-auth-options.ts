import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { users } from '../../db/schema';
import { findUserByEmail } from '../../db/queries/access';
import { verifyPassword } from '../../lib/auth/passwords';
import { SignInThrottle } from '../../lib/auth/throttle';

/**
 * Sign-in: e-mail + password, and optionally one OIDC provider (Keycloak, Entra ID, …)
 * configured from the environment. Sessions are next-auth JWTs whose `sub` is our user id;
 * roles are never put in the token but looked up per request, so a role change takes
 * effect at once.
 */

const slot = globalThis as unknown as { __concordThrottle?: SignInThrottle };
slot.__concordThrottle ??= new SignInThrottle();
export const signInThrottle = slot.__concordThrottle;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function oidcConfigured(): boolean {
  return !!(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
}

function oidcProvider(): OAuthConfig<Record<string, string>> {
  const issuer = process.env.OIDC_ISSUER!.replace(/\/$/, '');
  return {
    id: 'oidc',
    name: process.env.OIDC_NAME || 'Single sign-on',
    type: 'oauth',
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: process.env.OIDC_CLIENT_ID,
    clientSecret: process.env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile: (p) => ({ id: p.sub, email: p.email, name: p.name ?? p.preferred_username ?? p.email }),
  };
}

export async function checkPassword(emailInput: string, password: string, clientKey: string) {
  const email = emailInput.trim().toLowerCase();
  const keys = [`email:${email}`, `client:${clientKey}`];
  const wait = Math.max(...keys.map((k) => signInThrottle.waitFor(k)));
  if (wait > 0) {
    throw new Error(`Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} s.`);
  }
  const db = await getDb();
  const user = await findUserByEmail(db, email);
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
    for (const k of keys) signInThrottle.recordFailure(k);
    await sleep(300); // a constant extra cost per failure, on top of bcrypt's
    return null;
  }
  for (const k of keys) signInThrottle.recordSuccess(k);
  return { id: user.id, email: user.email, name: user.name };
}

export function authOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'E-mail and password',
        credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          const forwarded = req?.headers?.['x-forwarded-for'];
          const client = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? 'local';
          return checkPassword(credentials.email, credentials.password, client);
        },
      }),
      ...(oidcConfigured() ? [oidcProvider()] : []),
    ],
    callbacks: {
      // OIDC users are matched to Concord users by e-mail; an unknown address gets an
      // account with no role, which sees nothing until a chair adds it to a committee.
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        if (!user.email) return false;
        const db = await getDb();
        const existing = await findUserByEmail(db, user.email);
        if (!existing) {
          await db
            .insert(users)
            .values({ email: user.email.toLowerCase(), name: user.name ?? user.email })
            .onConflictDoNothing();
        }
        return true;
      },
      async jwt({ token, account, user }) {
        if (account?.provider === 'oidc' && user?.email) {
          const db = await getDb();
          const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, user.email.toLowerCase()));
          if (row) token.sub = row.id;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
