import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { installDatabase, openDatabase, type Db } from '@/db/client';
import { seedDemo } from '@/db/commands/demo-seeder';
import { issueApiToken } from '@/db/commands/token-issuer';
import { users } from '@/db/schema';
import { runCliCommand, type CliIo } from '@/cli/commands';
import { GET, PATCH } from '@/app/api/v1/me/route';
import { pgliteDump } from '../helpers/database';

/**
 * The interface language a user chooses: PATCH /api/v1/me {"locale"} (validated against
 * the interface's languages, 400 naming the field otherwise), GET /me shows it, the
 * "locale" cookie follows it, and the CLI sets it with "user set-locale".
 */
let db: Db;
let token: string;
let userId: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= 'test-secret';
  db = (await installDatabase(openDatabase({ fromDump: pgliteDump() }))).db;
  await seedDemo(db);
  [{ id: userId }] = await db.select().from(users).where(eq(users.email, 'iran@example.org'));
  token = (await issueApiToken(db, userId, 'locale')).token;
});

const call = (handler: typeof PATCH, method: string, body?: unknown) =>
  handler(
    new Request('http://localhost/api/v1/me', {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

describe('the interface language of a user', () => {
  it('is chosen with PATCH /me, shown by GET /me and set as the locale cookie', async () => {
    const res = await call(PATCH, 'PATCH', { locale: 'fr' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ locale: 'fr' });
    expect(res.headers.get('set-cookie')).toMatch(/^locale=fr; Path=\//);
    const me = await (await call(GET, 'GET')).json();
    expect(me.user.locale).toBe('fr');
    const back = await call(PATCH, 'PATCH', { locale: null });
    expect(await back.json()).toEqual({ locale: null });
    expect(back.headers.get('set-cookie')).toMatch(/^locale=; .*Max-Age=0/);
  });

  it('refuses a language the interface is not written in, naming the field', async () => {
    for (const body of [{ locale: 'de' }, { locale: 'x'.repeat(10_000) }, { locale: 7 }, {}, { locale: 'fr', x: 1 }]) {
      const res = await call(PATCH, 'PATCH', body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      const error = JSON.stringify(await res.json());
      expect(error, error).toMatch(/body\.locale|\\"x\\"/);
    }
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    expect(row.locale).toBeNull();
  });

  it('is set from the CLI, in English', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { db, out: (l: string) => out.push(l), err: (l: string) => err.push(l) } as unknown as CliIo;
    expect(await runCliCommand(['user', 'set-locale', '--email', 'iran@example.org', '--locale', 'fr'], io)).toBe(0);
    expect(out.join('\n')).toContain('Interface language for iran@example.org: fr.');
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    expect(row.locale).toBe('fr');
    expect(await runCliCommand(['user', 'set-locale', '--email', 'iran@example.org', '--locale', 'de'], io)).not.toBe(
      0,
    );
    expect(await runCliCommand(['user', 'set-locale', '--email', 'iran@example.org', '--locale', 'browser'], io)).toBe(
      0,
    );
    const [after] = await db.select().from(users).where(eq(users.id, userId));
    expect(after.locale).toBeNull();
  });
});
