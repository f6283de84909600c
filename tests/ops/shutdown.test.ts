import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startConcord, type RunningConcord } from '../e2e/harness';
import {
  api,
  apiToken,
  connect,
  paragraphsOf,
  signInCookie,
  sleep,
  typeAt,
  waitFor,
  type TestClient,
} from '../collab/clients';

/**
 * SIGTERM to `npm start`'s process while four delegates type and an observer's page listens
 * to the event stream: the sockets are closed with 1001, the stream ends, the process and
 * the server exit within a bound, the port is free, and every edit another client had
 * received is in the stored text when the server comes back.
 */
const TYPISTS = ['iran', 'thailand', 'canada', 'kenya'];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
}

describe('stopping a server under load', () => {
  const servers: RunningConcord[] = [];
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  });

  it('SIGTERM to npm start: 1001 to every socket, the event stream ends, nothing acknowledged lost, no orphan', async () => {
    const npm = await startConcord({}, undefined, { npm: true });
    servers.push(npm);
    const serverPid = Number(/"pid":(\d+)[^\n]*"msg":"ready on/.exec(npm.output())?.[1]);
    expect(serverPid).toBeGreaterThan(0);
    expect(serverPid).not.toBe(npm.process.pid); // npm's child is the server, not npm itself

    const tokens: Record<string, string> = {};
    for (const who of [...TYPISTS, 'observer'])
      tokens[who] = await apiToken(npm.url, await signInCookie(npm.url, `${who}@example.org`));
    const { resolutions } = await api<{ resolutions: { id: string }[] }>(
      npm.url,
      tokens.iran,
      '/committees/peace-security/resolutions',
    );
    const resolutionId = resolutions[0].id;

    // The observer's page: the procedural event stream.
    const stream = await fetch(`${npm.url}/api/v1/resolutions/${resolutionId}/events`, {
      headers: { authorization: `Bearer ${tokens.observer}` },
    });
    expect(stream.status).toBe(200);
    const streamEnded = (async () => {
      const reader = stream.body!.getReader();
      try {
        while (!(await reader.read()).done) {}
        return 'ended';
      } catch {
        return 'cut';
      }
    })();

    for (const who of TYPISTS) clients.push(connect(npm.port, resolutionId, { token: tokens[who] }));
    await waitFor(() => clients.every((c) => c.provider.synced), 15_000, 'sync');
    let typing = true;
    const typed = clients.map(async (c, i) => {
      for (let n = 0; typing && c.provider.wsconnected; n++) {
        typeAt(c.doc, i, `k${i}.${n} `);
        await sleep(15);
      }
    });
    // Under load, as long as it takes for every client to have received others' edits.
    const fromOthers = (c: TestClient, j: number) =>
      (
        paragraphsOf(c.doc)
          .join(' ')
          .match(/k\d+\.\d+/g) ?? []
      ).filter((m) => !m.startsWith(`k${j}.`)).length;
    await waitFor(() => clients.every((c, j) => fromOthers(c, j) >= 10), 60_000, 'edits relayed');
    await sleep(500);

    const signalled = Date.now();
    npm.process.kill('SIGTERM');
    await waitFor(() => npm.process.exitCode !== null || npm.process.signalCode !== null, 20_000, 'npm to exit');
    const stoppedMs = Date.now() - signalled;
    typing = false;
    await Promise.all(typed);
    for (const c of clients) c.provider.disconnect();

    expect(npm.process.exitCode).toBe(0);
    expect(stoppedMs).toBeLessThan(15_000);
    expect(alive(serverPid)).toBe(false);
    expect(await portFree(npm.port)).toBe(true);
    for (const c of clients) expect(c.closeCodes).toContain(1001);
    expect(await Promise.race([streamEnded, sleep(2000).then(() => 'still open')])).toBe('ended');
    expect(npm.output()).toContain('"msg":"closed in');

    // What any client received from another is what the server had stored (stored before relayed).
    const acknowledged = new Set<string>();
    for (const [j, c] of clients.entries())
      for (const marker of paragraphsOf(c.doc)
        .join(' ')
        .match(/k\d+\.\d+/g) ?? [])
        if (!marker.startsWith(`k${j}.`)) acknowledged.add(marker);
    expect(acknowledged.size).toBeGreaterThanOrEqual(30);

    const again = await startConcord({ PORT: String(npm.port) }, npm.dataDir);
    servers.push(again);
    const fresh = connect(again.port, resolutionId, { token: tokens.observer });
    clients.push(fresh);
    await waitFor(() => fresh.provider.synced, 15_000, 'fresh sync');
    const stored = new Set(
      paragraphsOf(fresh.doc)
        .join(' ')
        .match(/k\d+\.\d+/g) ?? [],
    );
    const lost = [...acknowledged].filter((m) => !stored.has(m));
    expect(lost).toEqual([]);
  }, 120_000);
});
