import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { eq } from 'drizzle-orm';
import { createUser } from '@/db/commands/committee-roster';
import { endAllSessions, endSession, listLiveSessions, startSession } from '@/db/commands/session-keeper';
import { linkOidcIdentity } from '@/db/commands/oidc-identity-linker';
import { oidcIdentities, sessions, users } from '@/db/schema';
import { userFromSessionCookie } from '@/server/auth/request-user';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * Sessions and single sign-on identities as stored (issues 11.3 and 17.1): a session cookie
 * counts only while its row is live, and an identity is linked by (issuer, sub) — by e-mail
 * only the first time, and only when the provider vouches for the address.
 */
process.env.NEXTAUTH_SECRET ||= 'test-secret';
const secret = () => process.env.NEXTAUTH_SECRET!;
const cookieFor = async (claims: Record<string, unknown>) =>
  `next-auth.session-token=${await encode({ token: claims, secret: secret() })}`;

for (const kind of testDatabaseKinds()) {
  describe(`sessions and identities on ${kind}`, () => {
    let database: TestDatabase;
    let chairId: string;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      chairId = (await createUser(database.db, { email: 'chair@example.org', name: 'Chair of the Committee' })).id;
    });
    afterAll(() => database?.close());

    it('a session cookie counts while its session is live, and not after it is ended', async () => {
      const { id } = await startSession(database.db, { userId: chairId, method: 'credentials', maxAgeSeconds: 3600 });
      const cookie = await cookieFor({ sub: chairId, sid: id });
      expect((await userFromSessionCookie(database.db, cookie))?.id).toBe(chairId);
      expect(await endSession(database.db, id)).toMatchObject({ userId: chairId, method: 'credentials' });
      expect(await userFromSessionCookie(database.db, cookie)).toBeNull();
      expect(await endSession(database.db, id)).toBeNull();
    });

    it('a cookie without a session id, or naming another user’s session, does not count', async () => {
      const { id } = await startSession(database.db, { userId: chairId, method: 'credentials', maxAgeSeconds: 3600 });
      const other = await createUser(database.db, { email: 'other@example.org', name: 'Other' });
      expect(await userFromSessionCookie(database.db, await cookieFor({ sub: chairId }))).toBeNull();
      expect(await userFromSessionCookie(database.db, await cookieFor({ sub: other.id, sid: id }))).toBeNull();
      expect(await userFromSessionCookie(database.db, await cookieFor({ sub: chairId, sid: 'not-a-uuid' }))).toBeNull();
    });

    it('an expired session does not count even when its cookie still would', async () => {
      const { id } = await startSession(database.db, { userId: chairId, method: 'credentials', maxAgeSeconds: 3600 });
      await database.db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(sessions.id, id));
      expect(await userFromSessionCookie(database.db, await cookieFor({ sub: chairId, sid: id }))).toBeNull();
    });

    it('"sign out everywhere" ends every live session of the account and no one else’s', async () => {
      const someone = await createUser(database.db, { email: 'someone@example.org', name: 'Someone' });
      const mine = await Promise.all(
        [1, 2, 3].map(() => startSession(database.db, { userId: chairId, method: 'credentials', maxAgeSeconds: 3600 })),
      );
      const theirs = await startSession(database.db, {
        userId: someone.id,
        method: 'credentials',
        maxAgeSeconds: 3600,
      });
      expect((await listLiveSessions(database.db, chairId)).length).toBeGreaterThanOrEqual(3);
      expect(await endAllSessions(database.db, chairId)).toBeGreaterThanOrEqual(3);
      expect(await listLiveSessions(database.db, chairId)).toEqual([]);
      for (const s of mine) {
        expect(await userFromSessionCookie(database.db, await cookieFor({ sub: chairId, sid: s.id }))).toBeNull();
      }
      const kept = await cookieFor({ sub: someone.id, sid: theirs.id });
      expect((await userFromSessionCookie(database.db, kept))?.id).toBe(someone.id);
    });

    const issuer = 'http://127.0.0.1:9999';
    const policy = { providerVerifiesEmails: false };

    it('an unverified e-mail does not take over chair@ and links nothing', async () => {
      const r = await linkOidcIdentity(
        database.db,
        { issuer, subject: 'impostor', email: 'Chair@Example.org', emailVerified: false, name: 'Impostor' },
        policy,
      );
      expect(r).toMatchObject({ ok: false, code: 'sso_email_unverified' });
      expect(await database.db.select().from(oidcIdentities).where(eq(oidcIdentities.subject, 'impostor'))).toEqual([]);
    });

    it('a verified e-mail links the existing account once; from then on (issuer, sub) decides', async () => {
      const first = await linkOidcIdentity(
        database.db,
        { issuer, subject: 'chair-sub', email: 'chair@example.org', emailVerified: true, name: 'Provider Name' },
        policy,
      );
      expect(first).toMatchObject({ ok: true, outcome: 'linked-by-email' });
      expect(first.ok && first.user.id).toBe(chairId);
      expect(first.ok && first.user.name).toBe('Chair of the Committee');
      // The provider later shows another address, unverified: still the chair, by subject.
      const again = await linkOidcIdentity(
        database.db,
        { issuer, subject: 'chair-sub', email: 'changed@example.org', emailVerified: false, name: null },
        policy,
      );
      expect(again).toMatchObject({ ok: true, outcome: 'linked' });
      expect(again.ok && again.user.id).toBe(chairId);
      // The same subject at another issuer is another identity.
      const elsewhere = await linkOidcIdentity(
        database.db,
        {
          issuer: 'http://other.example',
          subject: 'chair-sub',
          email: 'x@example.org',
          emailVerified: false,
          name: null,
        },
        policy,
      );
      expect(elsewhere).toMatchObject({ ok: false, code: 'sso_email_unverified' });
    });

    it('a verified new address gets one account, also when two first sign-ins race', async () => {
      const claims = {
        issuer,
        subject: 'newcomer',
        email: 'newcomer@example.org',
        emailVerified: true,
        name: 'New Comer',
      };
      const [a, b] = await Promise.all([
        linkOidcIdentity(database.db, claims, policy),
        linkOidcIdentity(database.db, claims, policy),
      ]);
      expect(a.ok && b.ok).toBe(true);
      expect(a.ok && b.ok && a.user.id === b.user.id).toBe(true);
      const rows = await database.db.select().from(users).where(eq(users.email, 'newcomer@example.org'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ name: 'New Comer', passwordHash: null });
      const links = await database.db.select().from(oidcIdentities).where(eq(oidcIdentities.subject, 'newcomer'));
      expect(links).toHaveLength(1);
    });
  });
}
