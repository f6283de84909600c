import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl, redisUrl, skipUnless } from '../helpers/services';
import { startConcord, type RunningConcord } from '../e2e/harness';
import { api, apiToken, connect, signInCookie, waitFor, type TestClient } from './clients';

/**
 * A process that dies without a word (SIGKILL) cannot tell the others that its clients
 * left. The others notice its heartbeats stop in Redis and drop those clients' presence
 * within seconds, well before y-protocols' own 30-second awareness timeout would.
 */
const skip = skipUnless(!!postgresUrl() && !!redisUrl(), 'PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL)');

describe.skipIf(skip)('presence after a process is killed', () => {
  let databaseName = '';
  const servers: RunningConcord[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    databaseName = `concord_t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(postgresUrl()!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(postgresUrl()!);
    url.pathname = `/${databaseName}`;
    for (let i = 0; i < 2; i++)
      servers.push(await startConcord({ DATABASE_URL: url.toString(), REDIS_URL: redisUrl()! }));
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all(servers.map((s) => s.stop().catch(() => {})));
    if (databaseName) {
      const admin = postgres(postgresUrl()!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  });

  it("removes a SIGKILLed process's clients from everyone else's presence within seconds", async () => {
    const token = async (who: string) =>
      apiToken(servers[0].url, await signInCookie(servers[0].url, `${who}@example.org`));
    const iran = await token('iran');
    const thailand = await token('thailand');
    const { resolutions } = await api<{ resolutions: { id: string }[] }>(
      servers[0].url,
      iran,
      '/committees/peace-security/resolutions',
    );
    const watcher = connect(servers[0].port, resolutions[0].id, { token: iran });
    const onDoomed = connect(servers[1].port, resolutions[0].id, { token: thailand });
    clients.push(watcher, onDoomed);
    await waitFor(() => watcher.provider.synced && onDoomed.provider.synced, 30_000, 'sync');
    onDoomed.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    const doomedId = onDoomed.doc.clientID;
    await waitFor(() => watcher.provider.awareness.getStates().has(doomedId), 15_000, 'presence across processes');

    await servers[1].stop('SIGKILL');
    const killedAt = Date.now();
    // The client of the dead process cannot reach any other: stop it retrying, as a browser tab would stay stuck.
    onDoomed.provider.shouldConnect = false;
    // 20 s is below the 30 s after which y-protocols would drop the entry by itself.
    await waitFor(() => !watcher.provider.awareness.getStates().has(doomedId), 20_000, 'presence removed');
    console.log(`[presence] removed ${Date.now() - killedAt} ms after SIGKILL`);
    expect(watcher.provider.awareness.getStates().has(doomedId)).toBe(false);
  }, 120_000);
});
