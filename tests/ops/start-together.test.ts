import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startConcord, type RunningConcord } from '../e2e/harness';
import { postgresUrl, redisUrl, skipUnless } from '../helpers/services';
import { emptyDatabase, startExpectingFailure } from './processes';

/**
 * Processes started at the same moment on a fresh database all come up, the demo data is
 * seeded once; and a start that cannot succeed says why, in the operator's terms.
 */
const skip = skipUnless(!!postgresUrl() && !!redisUrl(), 'PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL)');

describe.skipIf(skip)('starting several processes together', () => {
  const servers: RunningConcord[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    for (const drop of drops) await drop();
  });

  it('three processes started in the same second on an empty database all come up, seeded once', async () => {
    const database = await emptyDatabase();
    drops.push(database.drop);
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl()! };
    const started = await Promise.allSettled([0, 1, 2].map(() => startConcord(env)));
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'up'))).toEqual(['up', 'up', 'up']);
    for (const server of servers) {
      const ready = await fetch(`${server.url}/readyz`);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', migrations: 'ok', redis: 'ok', shutdown: 'ok' },
      });
    }
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const [{ committees }] = await sql`select count(*)::int as committees from committees`;
      const [{ users }] = await sql`select count(*)::int as users from users`;
      const [{ secrets }] = await sql`select count(*)::int as secrets from settings where key = 'auth_secret'`;
      expect({ committees, users, secrets }).toEqual({ committees: 2, users: 9, secrets: 1 });
    } finally {
      await sql.end();
    }
  }, 180_000);

  it('a missing database: says so and how to create it', async () => {
    const url = new URL(postgresUrl()!);
    url.pathname = '/concord_does_not_exist';
    const { code, output } = await startExpectingFailure({ DATABASE_URL: url.toString() });
    expect(code).toBe(1);
    expect(output).toContain('the database \\"concord_does_not_exist\\" does not exist');
    expect(output).toContain('createdb -h');
  }, 120_000);

  it('an unreachable Redis or PostgreSQL: names which, and where', async () => {
    const database = await emptyDatabase();
    drops.push(database.drop);
    const redis = await startExpectingFailure({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(redis.code).toBe(1);
    expect(redis.output).toContain('REDIS_URL: cannot connect to redis://127.0.0.1:1');
    const pg = await startExpectingFailure({ DATABASE_URL: 'postgres://root@127.0.0.1:1/concord' });
    expect(pg.code).toBe(1);
    expect(pg.output).toContain('PostgreSQL at 127.0.0.1:1 (DATABASE_URL) is unreachable (ECONNREFUSED)');
  }, 120_000);

  it('a start-up lock held too long: names who holds it', async () => {
    const database = await emptyDatabase();
    drops.push(database.drop);
    const holder = postgres(database.url, {
      max: 1,
      onnotice: () => {},
      connection: { application_name: 'a stuck migration' },
    });
    try {
      await holder`select pg_advisory_lock(7263514)`;
      const { code, output } = await startExpectingFailure({
        DATABASE_URL: database.url,
        CONCORD_START_LOCK_TIMEOUT_MS: '1500',
      });
      expect(code).toBe(1);
      expect(output).toContain('the start-up lock');
      expect(output).toContain('a stuck migration');
    } finally {
      await holder.end();
    }
  }, 120_000);

  it('a PGlite data folder another server holds: names that server', async () => {
    const first = await startConcord();
    servers.push(first);
    const { code, output } = await startExpectingFailure({ CONCORD_DATA_DIR: first.dataDir });
    expect(code).toBe(1);
    expect(output).toContain(`is in use by a Concord server (pid`);
    expect(output).toContain(`port ${first.port}`);
  }, 120_000);
});
