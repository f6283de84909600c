import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConcord, type RunningConcord } from '../e2e/harness';
import { postgresUrl, redisUrl, skipUnless } from '../helpers/services';
import { connect, signInCookie, waitFor, type TestClient } from '../collab/clients';
import { emptyDatabase, projectRoot } from '../ops/processes';

/**
 * Issue 11.3 from a shell: a token revoked (or a member removed) by a standalone
 * `npm run concord` on PostgreSQL — a process with no sockets and no bridge to the server —
 * closes the sockets the server holds at once, not when they next reconnect. The CLI tells
 * the servers through Redis when REDIS_URL is set, else by PostgreSQL NOTIFY.
 */
const skip = skipUnless(!!postgresUrl() && !!redisUrl(), 'PostgreSQL and Redis');

/** `npm run concord -- …` as an operator types it, on the server's database. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['cli/launch.mjs', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function createToken(url: string, cookie: string): Promise<{ token: string; id: string }> {
  const res = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: { cookie, origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'script with an open socket' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; id: string };
}

for (const variant of ['PostgreSQL (NOTIFY)', 'PostgreSQL and Redis'] as const) {
  describe.skipIf(skip)(`acts of a standalone CLI reach open sockets: ${variant}`, () => {
    const withRedis = variant === 'PostgreSQL and Redis';
    const prefix = `concord-cli-test-${randomBytes(4).toString('hex')}:`;
    const clients: TestClient[] = [];
    const heard: string[] = [];
    let concord: RunningConcord;
    let env: Record<string, string>;
    let resolutionId: string;
    let listener: Redis | null = null;
    let drop = async () => {};

    beforeAll(async () => {
      const database = await emptyDatabase();
      drop = database.drop;
      env = {
        DATABASE_URL: database.url,
        ...(withRedis ? { REDIS_URL: redisUrl()!, CONCORD_REDIS_PREFIX: prefix } : {}),
      };
      concord = await startConcord({ ...env, CONCORD_BCRYPT_COST: '4' });
      if (withRedis) {
        // What the CLI says on the servers' shared channel, under this deployment's prefix.
        listener = new Redis(redisUrl()!);
        await listener.subscribe(`${prefix}shared`);
        listener.on('message', (_channel, message: string) => {
          if (JSON.parse(message).once) heard.push(message);
        });
      }
      const chair = await signInCookie(concord.url, 'chair@example.org');
      const list = await fetch(`${concord.url}/api/v1/committees/peace-security/resolutions`, {
        headers: { cookie: chair },
      });
      resolutionId = ((await list.json()) as { resolutions: { id: string }[] }).resolutions[0].id;
    }, 180_000);

    afterAll(async () => {
      for (const c of clients) c.destroy();
      listener?.disconnect();
      await concord?.stop();
      await drop();
    });

    function socketWith(auth: { token?: string; cookie?: string }): TestClient {
      const client = connect(concord.port, resolutionId, { ...auth, origin: auth.cookie ? concord.url : undefined });
      clients.push(client);
      return client;
    }

    it('`token revoke` closes the socket opened with the token (4401)', async () => {
      const cookie = await signInCookie(concord.url, 'iran@example.org');
      const { token, id } = await createToken(concord.url, cookie);
      const open = socketWith({ token });
      const bystander = socketWith({ cookie });
      await waitFor(() => open.provider.synced && bystander.provider.synced, 15_000, 'sync');

      const revoked = await cli(['token', 'revoke', '--email', 'iran@example.org', '--id', id], env);
      expect(revoked.output).toContain(`Revoked token ${id}`);
      expect(revoked.code).toBe(0);

      await expect.poll(() => open.closeCodes, { timeout: 5_000 }).toContain(4401);
      // Only the revoked credential's socket: the same user's session socket stays.
      expect(bystander.closeCodes).toEqual([]);
      if (withRedis) expect(heard.some((m) => JSON.parse(m).access?.credentials === true)).toBe(true);
    });

    it('`member remove` closes the removed member’s socket', async () => {
      const cookie = await signInCookie(concord.url, 'kenya@example.org');
      const open = socketWith({ cookie });
      await waitFor(() => open.provider.synced, 15_000, 'sync');

      const removed = await cli(
        ['member', 'remove', '--committee', 'peace-security', '--email', 'kenya@example.org'],
        env,
      );
      expect(removed.code, removed.output).toBe(0);

      await expect.poll(() => open.closeCodes, { timeout: 5_000 }).toContain(4000);
    });
  });
}
