import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConcord, type RunningConcord } from '../../bench/servers/concord';
import { preparePgliteFixture, removeDir, type ConcordFixture } from '../../bench/servers/concord-fixture';
import { connect, paragraphsOf, typeAt, waitFor, type TestClient } from '../collab/clients';

/**
 * What an operator sees of the collaboration service on /metrics (issue 15), on the
 * standalone service that carries editors' sockets in production: stock y-websocket
 * clients edit, one is refused for a paragraph past the limit and a raw socket for an
 * undecodable frame, and the metrics say so — without a word of the text or an id in them.
 */
const METRICS_TOKEN = 'metrics-token-for-the-collab-test-0123';
const MAX_PARAGRAPH = 2000;

let fixture: ConcordFixture;
let concord: RunningConcord;
let port: number;
const clients: TestClient[] = [];

beforeAll(async () => {
  fixture = await preparePgliteFixture({ editors: 3, watchers: 1 });
  concord = await startConcord({
    fixture,
    processes: 1,
    env: { CONCORD_METRICS_TOKEN: METRICS_TOKEN, CONCORD_COLLAB_MAX_PARAGRAPH_CHARS: String(MAX_PARAGRAPH) },
  });
  port = Number(new URL(concord.origin(0)).port);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await concord?.stop();
  removeDir(fixture?.dataDir ?? null);
});

async function scrape(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}

/** A sample's value (`name` with its labels as written, e.g. `x_total{code="4400"}`), or 0 when absent. */
function sample(body: string, name: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

function client(token: string): TestClient {
  const c = connect(port, fixture.resolutionId, { token });
  clients.push(c);
  return c;
}

describe('the collaboration service on /metrics', () => {
  it('is behind the token on the standalone service too', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const body = await scrape();
    // Registered from the start, before any socket.
    for (const name of [
      'concord_collab_connections',
      'concord_collab_relay_seconds',
      'concord_collab_closes_total',
      'concord_collab_broadcast_stretch',
    ])
      expect(body).toContain(`# TYPE ${name} `);
    expect(body).toContain('process_cpu_seconds_total');
  });

  it('counts sockets, updates in, deliveries out, relay and group-commit latency, refusals and close codes', async () => {
    const [writerToken, refusedToken, rawToken] = fixture.editorTokens;
    const writer = client(writerToken);
    const watcher = client(fixture.watcherTokens[0]);
    await waitFor(() => writer.provider.synced && watcher.provider.synced, 20_000, 'sync');

    typeAt(writer.doc, 0, 'METRICS-TAG ');
    await waitFor(() => paragraphsOf(watcher.doc).join().includes('METRICS-TAG'), 20_000, 'the edit to arrive');

    // A paragraph past the limit: the guard refuses it and closes the socket with 4400.
    const refused = client(refusedToken);
    await waitFor(() => refused.provider.synced, 20_000, 'the third client to sync');
    typeAt(refused.doc, 0, 'x'.repeat(MAX_PARAGRAPH + 1));
    await waitFor(() => refused.closeCodes.includes(4400), 20_000, 'the oversized paragraph to be refused');
    refused.provider.disconnect();

    // An undecodable frame on a raw socket.
    const raw = new WebSocket(`ws://127.0.0.1:${port}/collab/${fixture.resolutionId}?token=${rawToken}`);
    raw.on('error', () => {});
    const rawClosed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)));
    await new Promise((resolve) => raw.on('open', resolve));
    raw.send(Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
    expect(await rawClosed).toBe(4400);

    // The server counts a close when the client's closing handshake reaches it.
    let body = '';
    const poll = setInterval(() => void scrape().then((text) => (body = text)), 100);
    try {
      await waitFor(
        () =>
          sample(body, 'concord_collab_closes_total{code="4400"}') >= 2 &&
          sample(body, 'concord_collab_connections') === 2,
        20_000,
        'both refused sockets to be closed and counted',
      );
    } finally {
      clearInterval(poll);
    }

    expect(sample(body, 'concord_collab_connections')).toBe(2);
    expect(sample(body, 'concord_collab_documents')).toBe(1);
    expect(sample(body, 'concord_collab_updates_received_total')).toBeGreaterThanOrEqual(2);
    expect(sample(body, 'concord_collab_deliveries_total')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'concord_collab_broadcast_updates_count')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'concord_collab_relay_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'concord_collab_group_commit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'concord_collab_group_commit_updates_sum')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'concord_collab_guard_check_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(sample(body, 'concord_collab_refusals_total{reason="paragraph_too_long"}')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'concord_collab_refusals_total{reason="malformed"}')).toBe(1);
    expect(sample(body, 'concord_collab_refusals_total{reason="other"}')).toBe(0);
    // Labels are a fixed vocabulary: nothing typed, no id.
    expect(body).not.toContain('METRICS-TAG');
    expect(body).not.toContain(fixture.resolutionId);
  });
});
