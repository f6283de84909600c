import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { RoomBroadcaster } from '../../server/collab/room-broadcaster';
import { localRelay } from '../../server/collab/relay';
import type { Peer } from '../../server/collab/room';

function peer(): Peer & { messages: Uint8Array[] } {
  const messages: Uint8Array[] = [];
  return {
    userId: 'u',
    awarenessIds: new Set(),
    messages,
    send(message) {
      messages.push(message);
    },
  };
}

/** An update typing `text` into a fresh document of its own. */
function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the peer has `count` messages (or fails after a while). */
async function received(p: { messages: Uint8Array[] }, count: number) {
  for (let i = 0; i < 400 && p.messages.length < count; i++) await sleep(5);
  expect(p.messages.length).toBeGreaterThanOrEqual(count);
}

describe('RoomBroadcaster: how long updates wait to be merged', () => {
  const rooms: RoomBroadcaster[] = [];
  const room = (options: ConstructorParameters<typeof RoomBroadcaster>[1]) => {
    const r = new RoomBroadcaster(`room-${rooms.length}`, options);
    rooms.push(r);
    return r;
  };
  afterEach(() => {
    for (const r of rooms.splice(0)) r.destroy();
  });

  it('with a fixed interval, an update soon after a broadcast waits for the interval and leaves merged with the next', async () => {
    const out = room({ relay: localRelay, intervalMs: 1000 });
    const watcher = peer();
    out.peers.add(watcher);
    out.send(typed('a'), null, false);
    await received(watcher, 1);
    out.send(typed('b'), null, false);
    await sleep(60);
    out.send(typed('c'), null, false);
    await sleep(60);
    // Still inside the interval: nothing more has gone out.
    expect(watcher.messages).toHaveLength(1);
    out.flush();
    expect(watcher.messages).toHaveLength(2);
  });

  it("with a wait per peer, a small room's updates leave at once", async () => {
    // Three peers at 20 µs each: 60 µs, against the 5 s of the fixed interval.
    const out = room({ relay: localRelay, intervalMs: 5000, perPeerMs: 0.02 });
    const watchers = [peer(), peer(), peer()];
    for (const w of watchers) out.peers.add(w);
    out.send(typed('a'), null, false);
    await received(watchers[0], 1);
    await sleep(60);
    out.send(typed('b'), null, false);
    await received(watchers[0], 2);
    await sleep(60);
    out.send(typed('c'), null, false);
    await received(watchers[0], 3);
    for (const w of watchers) expect(w.messages).toHaveLength(3);
  });

  it('with a wait per peer, the wait grows with the room: later updates are merged', async () => {
    // Five peers at 40 ms each: the next broadcast waits 200 ms.
    const out = room({ relay: localRelay, intervalMs: 5000, perPeerMs: 40 });
    const watchers = Array.from({ length: 5 }, () => peer());
    for (const w of watchers) out.peers.add(w);
    out.send(typed('a'), null, false);
    await received(watchers[4], 1);
    out.send(typed('b'), null, false);
    await sleep(5);
    out.send(typed('c'), null, false);
    await received(watchers[4], 2);
    // 'b' and 'c' went out together, as one merged update.
    expect(watchers[4].messages).toHaveLength(2);
    const doc = new Y.Doc();
    for (const m of watchers[4].messages) {
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d); // sync message
      decoding.readVarUint(d); // update
      Y.applyUpdate(doc, decoding.readVarUint8Array(d));
    }
    expect(doc.getText('t').toString().split('').sort().join('')).toBe('abc');
  });

  it('waits the stretched interval while the pace says the thread is saturated, and the plain one after', async () => {
    const pace = { stretch: 1 };
    const out = room({ relay: localRelay, intervalMs: 100, pace });
    const watcher = peer();
    out.peers.add(watcher);
    const sentAt: number[] = [];
    const send = watcher.send.bind(watcher);
    watcher.send = (m) => {
      sentAt.push(performance.now());
      send(m);
    };
    pace.stretch = 5;
    out.send(typed('a'), null, false);
    await received(watcher, 1);
    out.send(typed('b'), null, false);
    await received(watcher, 2);
    // 500 ms between them (timers fire no earlier than asked; a little slack for clock rounding).
    expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(495);
    pace.stretch = 1;
    out.send(typed('c'), null, false);
    await received(watcher, 3);
    // The plain 100 ms; the 400 ms between it and the stretched wait absorbs a late timer on a busy host.
    expect(sentAt[2] - sentAt[1]).toBeGreaterThanOrEqual(95);
    expect(sentAt[2] - sentAt[1]).toBeLessThan(495);
  });
});

describe('RoomBroadcaster: the relay latency metric', () => {
  it('times each part of an update merged before it was sent (a wording room stores its batch as one)', async () => {
    const { register } = await import('prom-client');
    const { updateArrived, carryArrivals } = await import('../../server/observability/collab-metrics');
    const relayCount = async () =>
      Number(/^concord_collab_relay_seconds_count (\d+)$/m.exec(await register.metrics())?.[1] ?? 0);
    const out = new RoomBroadcaster('room-merged', { relay: localRelay });
    try {
      const watcher = peer();
      out.peers.add(watcher);
      const parts = [typed('x'), typed('y'), typed('z')];
      for (const part of parts) updateArrived(part, performance.now());
      const merged = Y.mergeUpdates(parts);
      carryArrivals(merged, parts);
      const before = await relayCount();
      out.send(merged, null, false);
      out.flush();
      expect(watcher.messages).toHaveLength(1);
      expect(await relayCount()).toBe(before + 3);
      // An update nobody timed (made by the server) adds nothing.
      const untimed = typed('w');
      carryArrivals(Y.mergeUpdates([untimed]), [untimed]);
      out.send(Y.mergeUpdates([untimed]), null, false);
      out.flush();
      expect(await relayCount()).toBe(before + 3);
    } finally {
      out.destroy();
    }
  });

  it('ends when the last peer has been written to, not when the broadcast starts', async () => {
    const { register } = await import('prom-client');
    const { updateArrived } = await import('../../server/observability/collab-metrics');
    const relayCount = async () =>
      Number(/^concord_collab_relay_seconds_count (\d+)$/m.exec(await register.metrics())?.[1] ?? 0);
    const out = new RoomBroadcaster('room-sliced', { relay: localRelay, slice: 2 });
    try {
      const peers = Array.from({ length: 5 }, () => peer());
      for (const p of peers) out.peers.add(p);
      const before = await relayCount();
      const update = typed('x');
      updateArrived(update, performance.now());
      out.send(update, null, false);
      out.flush();
      // The first slice went out in this turn; the other peers follow on the next turns.
      expect(peers.filter((p) => p.messages.length === 1)).toHaveLength(2);
      expect(await relayCount()).toBe(before);
      await received(peers[4], 1);
      expect(await relayCount()).toBe(before + 1);
    } finally {
      out.destroy();
    }
  });
});
