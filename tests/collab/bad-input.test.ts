import * as Y from 'yjs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { connect, paragraphsOf, typeAt, waitFor, type TestClient } from './clients';
import { startCollabFixture, type CollabFixture } from './server';

/**
 * A bad frame closes its own connection and nothing else: another client keeps editing
 * throughout, and its edits keep arriving.
 */
let f: CollabFixture;
let writer: TestClient;
let watcher: TestClient;

beforeAll(async () => {
  // A low guard bound so an expensive update is easy to make; a low rate limit to hit.
  f = await startCollabFixture(
    { CONCORD_COLLAB_UPDATE_GUARD_MS: '40', CONCORD_COLLAB_RATE_PER_SECOND: '50', CONCORD_COLLAB_RATE_BURST: '100' },
    ['iran', 'thailand', 'canada'],
  );
  writer = connect(f.server.port, f.resolutionId, { token: f.tokens.iran });
  watcher = connect(f.server.port, f.resolutionId, { token: f.tokens.thailand });
  await waitFor(() => writer.provider.synced && watcher.provider.synced, 10_000, 'sync');
});
afterAll(async () => {
  writer?.destroy();
  watcher?.destroy();
  await f?.server.stop();
});

/** A raw socket, to send what no well-behaved client would. */
function rawSocket(): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${f.server.port}/collab/${f.resolutionId}?token=${f.tokens.canada}`);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve({ ws, closed }));
    ws.on('error', reject);
  });
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

async function stillEditing(tag: string) {
  typeAt(writer.doc, 3, `${tag} `);
  await waitFor(() => paragraphsOf(watcher.doc).join().includes(tag), 10_000, `${tag} to arrive`);
}

describe('bad frames', () => {
  it('a frame over 1 MiB closes only its connection with 1009', async () => {
    const { ws, closed } = await rawSocket();
    ws.send(new Uint8Array(1024 * 1024 + 16));
    expect(await closed).toBe(1009);
    await stillEditing('AFTER-OVERSIZE');
  });

  it('a malformed frame closes only its connection with 4400', async () => {
    const { ws, closed } = await rawSocket();
    ws.send(Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
    expect(await closed).toBe(4400);
    await stillEditing('AFTER-MALFORMED');
  });

  it('an unknown message type and a text frame are refused the same way', async () => {
    const a = await rawSocket();
    a.ws.send(Uint8Array.from([77, 1, 2]));
    expect(await a.closed).toBe(4400);
    const b = await rawSocket();
    b.ws.send('hello');
    expect(await b.closed).toBe(4400);
    await stillEditing('AFTER-UNKNOWN');
  });

  it('an update that takes too long to decode is refused by the guard; the others go on', async () => {
    // Many tiny insertions in one update: valid Yjs, but far more work than the 40 ms the
    // guard allows in this test (in production the bound is 500 ms).
    const heavy = new Y.Doc();
    const text = heavy.getXmlFragment('scratch');
    heavy.transact(() => {
      for (let i = 0; i < 20_000; i++) text.insert(0, [new Y.XmlText(`x${i}`)]);
    });
    const update = Y.encodeStateAsUpdate(heavy);
    expect(update.length).toBeLessThan(1024 * 1024);
    const { ws, closed } = await rawSocket();
    ws.send(syncUpdateFrame(update));
    expect(await closed).toBe(4400);
    await stillEditing('AFTER-HEAVY');
    expect(watcher.doc.getXmlFragment('scratch').length).toBe(0);
    expect(writer.doc.getXmlFragment(TEXT_FIELD).length).toBe(50);
  });

  it('more messages than the rate limit allows close the connection with 4429', async () => {
    const { ws, closed } = await rawSocket();
    const query = Uint8Array.from([3]);
    for (let i = 0; i < 400; i++) ws.send(query);
    expect(await closed).toBe(4429);
    await stillEditing('AFTER-FLOOD');
  });
});
