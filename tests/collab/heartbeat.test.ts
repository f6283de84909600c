import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollabFixture, type CollabFixture } from './server';
import { waitFor } from './clients';

/**
 * The heartbeat (server/collab/endpoint.ts) finds dead peers by ping: each connection is
 * pinged once a period and dropped if it has not answered the ping before, and the pings
 * of a room's connections are spread over the period rather than sent all at once.
 */
const PERIOD_MS = 1500;
let f: CollabFixture;

beforeAll(async () => {
  f = await startCollabFixture({ CONCORD_COLLAB_HEARTBEAT_MS: String(PERIOD_MS) }, ['canada']);
}, 120_000);

afterAll(async () => {
  await f?.server.stop();
});

interface Watched {
  ws: WebSocket;
  pings: number[];
  closedAt: number | null;
}

function open(autoPong: boolean): Promise<Watched> {
  const ws = new WebSocket(`ws://127.0.0.1:${f.server.port}/collab/${f.resolutionId}?token=${f.tokens.canada}`, {
    autoPong,
  });
  const watched: Watched = { ws, pings: [], closedAt: null };
  ws.on('ping', () => watched.pings.push(performance.now()));
  ws.on('close', () => (watched.closedAt = performance.now()));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(watched));
    ws.once('error', reject);
  });
}

describe('the collaboration heartbeat', () => {
  it('pings every connection once a period, spread over it, and drops the one that never answers', async () => {
    const answering: Watched[] = [];
    for (let i = 0; i < 30; i++) answering.push(await open(true));
    const silent = await open(false);
    const start = performance.now();

    await waitFor(() => silent.closedAt !== null, 4 * PERIOD_MS, 'the silent connection dropped');
    // Dropped at its second ping: it never answered the first.
    expect(silent.pings.length).toBe(1);
    expect(silent.closedAt! - silent.pings[0]).toBeGreaterThan(PERIOD_MS * 0.8);

    await waitFor(
      () => answering.every((w) => w.pings.length >= 2 && w.pings.some((t) => t >= start)),
      3 * PERIOD_MS,
      'two pings each, one since all were open',
    );
    for (const w of answering) {
      expect(w.closedAt).toBeNull();
      expect(w.ws.readyState).toBe(WebSocket.OPEN);
      // About one period between a connection's pings (timers on a busy machine run late, never early).
      expect(w.pings[1] - w.pings[0]).toBeGreaterThan(PERIOD_MS * 0.8);
    }
    // Thirty connections opened one after another fall in different ticks of the sweep: in
    // the first period after all are open, their pings cover most of it, where a single sweep
    // would send them in the same millisecond.
    const firsts = answering.map((w) => w.pings.find((t) => t >= start)!);
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(PERIOD_MS / 2);
    expect(Math.min(...firsts) - start).toBeLessThan(PERIOD_MS);
    for (const w of answering) w.ws.close();
  }, 30_000);
});
