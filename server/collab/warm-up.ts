import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { desc } from 'drizzle-orm';
import { WebSocket, WebSocketServer } from 'ws';
import type { Db } from '../../db/client';
import { appendDocUpdates, loadDocState } from '../../db/queries/doc-state';
import { docSnapshots, docUpdates } from '../../db/schema';
import type { CollabConfig } from './config';
import { Connection } from './connection';
import type { CollabIdentity } from './authenticate';
import type { GroupCommitter } from './group-commit';
import { LiveDocument } from './live-document';
import type { Peer } from './room';
import { MessageType, encodeSyncStep2 } from './protocol';
import { localRelay } from './relay';
import type { UpdateGuard } from './update-guard';
import type { StateFolder } from './state-folder';

/**
 * Runs the relay's hot path before the first client is served. A fresh process pays for
 * everything the first time it does it: the update guard's worker starts (a thread, Yjs
 * loaded and exercised there) on the first update, V8 compiles and optimises the relay's
 * functions as they get hot, and the database plans its first insert into the log. Measured
 * (bench B1 --cold, before this existed): the first updates of a session waited 100–400 ms
 * for all that. Here it happens at start-up, on data of its own:
 *
 * - the guard checks a few real updates (its worker is spawned and warmed now);
 * - a scratch LiveDocument, with an in-memory group commit, takes a few thousand typing
 *   updates and presence changes from one real WebSocket connection on a loopback port and
 *   from in-memory peers, and answers sync the way it does for newcomers;
 * - the state folder's worker starts and merges, diffs and re-encodes a few batches of them;
 * - the database loads the most recently edited document's stored state (read only) and
 *   runs the group commit's insert inside a transaction that is rolled back.
 *
 * Nothing of it is stored or visible to anyone. Takes about a second (the relay part is
 * cut at 1.5 s on a busy machine); failures are the caller's to log, never fatal.
 */
export interface WarmUpDeps {
  guard: UpdateGuard;
  /** Started and exercised too: its first fold would otherwise start a thread mid-session. */
  folder?: StateFolder;
  config: CollabConfig;
  getDb: () => Promise<Db>;
}

export interface WarmUpReport {
  guardMs: number;
  relayMs: number;
  /** The state folder's worker started and its merge, diff and collection run (0 without one). */
  folderMs: number;
  databaseMs: number;
}

const TYPISTS = 20;
const UPDATES = 2500;
const THROUGH_SOCKET = 150;
/** The relay part stops after this long, done or not (the guard's start is always awaited). */
const RELAY_BUDGET_MS = 1500;

export async function warmUpCollab(deps: WarmUpDeps): Promise<WarmUpReport> {
  // For A/B measurements of the cold start (bench/README.md), not for production.
  if (process.env.CONCORD_COLLAB_WARM_UP === '0') return { guardMs: 0, relayMs: 0, folderMs: 0, databaseMs: 0 };
  const { initial, updates } = typingUpdates(UPDATES);
  let t = performance.now();
  // The guard's worker starts on its first check and answers once it has warmed itself.
  await Promise.all(updates.slice(0, 20).map((u) => deps.guard.check(u)));
  const guardMs = performance.now() - t;
  t = performance.now();
  await warmRelay(deps, initial, updates);
  const relayMs = performance.now() - t;
  // The folder's worker and the database's are separate threads: warmed side by side.
  const timed = async (work: () => Promise<void>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const { folder } = deps;
  const [folderMs, databaseMs] = await Promise.all([
    folder ? timed(() => warmFolder(folder, initial, updates)) : 0,
    timed(async () => warmDatabase(await deps.getDb(), updates.slice(0, 50))),
  ]);
  return { guardMs, relayMs, folderMs, databaseMs };
}

/**
 * The state folder's worker, started and run on every kind of job it takes. The relay's
 * warm-up does not get it there: its syncs merge the tail on this thread long before a
 * batch is due for the folder, so without this the first fold of a session (after 256
 * updates: under a second into B1) started a thread, loaded Yjs into it and ran its merge
 * cold, on the cores the relay needed then.
 */
async function warmFolder(folder: StateFolder, initial: Uint8Array, updates: Uint8Array[]): Promise<void> {
  const vector = Y.encodeStateVectorFromUpdate(initial);
  let state = initial;
  for (let k = 0; k < 4; k++) {
    const batch = updates.slice(k * 256, (k + 1) * 256);
    const folded = await folder.fold({
      state,
      updates: batch,
      // A snapshot's re-encoding, and a client's sync step 2, as a session asks for them.
      collect: { always: k === 3, collectedBytes: initial.byteLength, deleted: k === 3 ? 1 : 0 },
      diff: k % 2 === 1 ? vector : undefined,
    });
    state = folded.state;
  }
}

/** A text of 50 paragraphs, and updates as the editor makes them: words typed, a few deleted, some bold. */
function typingUpdates(count: number): { initial: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('resolution');
  const updates: Uint8Array[] = [];
  for (let i = 0; i < 50; i++) {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute('id', `warm-up-${i}`);
    p.insert(0, [new Y.XmlText('Warm-up paragraph of a resolution.')]);
    fragment.insert(i, [p]);
  }
  const typists = Array.from({ length: TYPISTS }, (_, i) => {
    const typist = new Y.Doc();
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(doc));
    typist.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') updates.push(u);
    });
    return { doc: typist, text: (typist.getXmlFragment('resolution').get(i) as Y.XmlElement).firstChild as Y.XmlText };
  });
  for (let k = 0; updates.length < count; k++) {
    const { text } = typists[k % TYPISTS];
    if (k % 17 === 0) text.delete(text.length - 3, 2);
    else text.insert(text.length, ` word ${k}`, k % 101 === 0 ? { bold: true } : undefined);
  }
  for (const t of typists) t.doc.destroy();
  const initial = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { initial, updates };
}

async function warmRelay(deps: WarmUpDeps, initial: Uint8Array, updates: Uint8Array[]): Promise<void> {
  const deadline = performance.now() + RELAY_BUDGET_MS;
  let seq = 0;
  const committer: GroupCommitter = {
    store: () => Promise.resolve(++seq),
    idle: () => Promise.resolve(),
  };
  const live = new LiveDocument('warm-up', {
    committer,
    relay: localRelay,
    folder: deps.folder,
    maybeCompact: () => {},
    onError: () => {},
    broadcastIntervalMs: 0,
  });
  live.loadStored({ update: initial, upToSeq: 0, tailLength: 0 });
  const peers: Peer[] = Array.from({ length: 50 }, (_, i) => ({
    userId: `warm-up-${i}`,
    awarenessIds: new Set<number>(),
    send: () => {},
  }));
  for (const p of peers) live.peers.add(p);
  const loopback = await loopbackSocket();
  try {
    const identity: CollabIdentity = {
      userId: 'warm-up',
      userName: 'Warm-up',
      resolutionId: 'warm-up',
      amendmentId: null,
      room: 'warm-up',
      access: 'write',
      wantsAccessNotices: false,
    };
    const onError = () => {};
    // The guard mirrors the room too, as for a real document (refusals are ignored here).
    await deps.guard.open('warm-up', 'resolution', () => live.encodedState()).catch(() => null);
    const connection = new Connection(loopback.server, identity, live, {
      guard: deps.guard,
      config: deps.config,
      onError,
      onRefused: onError,
    });
    live.peers.add(connection);
    connection.start();
    // Through the socket's whole path (decode, guard, apply, store, broadcast), a few hundred…
    for (const u of updates.slice(0, THROUGH_SOCKET)) connection.receive(syncMessage(u));
    connection.receive(awarenessMessage(1));
    await live.settled();
    // …then straight into the document, as fast as it takes them, with presence changes.
    for (let i = THROUGH_SOCKET; i < updates.length; i++) {
      live.applyFrom(updates[i], peers[i % peers.length]);
      if (i % 100 === 0) {
        // Bounded: on a machine busy with other work, start-up must not wait for all of it.
        if (performance.now() > deadline) break;
        awarenessProtocol.applyAwarenessUpdate(live.awareness, awarenessUpdate(i), peers[i % peers.length]);
        await live.settled();
        live.missingFrom(Y.encodeStateVectorFromUpdate(updates[i]));
        encodeSyncStep2(live.missingFrom(new Uint8Array([0])));
        await new Promise((r) => setImmediate(r));
      }
    }
    await live.settled();
    live.stateVector();
    await live.snapshotState();
    connection.close(1001, 'warm-up done');
  } finally {
    deps.guard.forget('warm-up');
    live.destroy();
    await loopback.close();
  }
}

function syncMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function awarenessUpdate(i: number): Uint8Array {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: `Warm-up ${i}`, color: '#2b6cb0' }, cursor: null });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  doc.destroy();
  return update;
}

function awarenessMessage(i: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate(i));
  return encoding.toUint8Array(encoder);
}

/** A real WebSocket pair over 127.0.0.1 (an ephemeral port, closed afterwards): the send path is the deployed one. */
async function loopbackSocket(): Promise<{ server: WebSocket; close(): Promise<void> }> {
  const httpServer = http.createServer();
  const wss = new WebSocketServer({ server: httpServer });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  client.on('message', () => {});
  client.on('error', () => {});
  const server = await accepted;
  server.on('error', () => {});
  return {
    server,
    async close() {
      client.terminate();
      server.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}

class RolledBack extends Error {}

/** The most recently edited document's state loaded, and the log's insert run and rolled back. */
async function warmDatabase(db: Db, updates: Uint8Array[]): Promise<void> {
  const [recent] = await db
    .select({ resolutionId: docUpdates.resolutionId })
    .from(docUpdates)
    .orderBy(desc(docUpdates.seq))
    .limit(1);
  const [snapshot] = recent
    ? [recent]
    : await db
        .select({ resolutionId: docSnapshots.resolutionId })
        .from(docSnapshots)
        .orderBy(desc(docSnapshots.updatedAt))
        .limit(1);
  if (!snapshot) return; // nothing stored yet: nothing to serve either
  const stored = await loadDocState(db, snapshot.resolutionId);
  const scratch = new LiveDocument(snapshot.resolutionId, {
    committer: { store: () => Promise.resolve(0), idle: () => Promise.resolve() },
    relay: localRelay,
    maybeCompact: () => {},
    onError: () => {},
  });
  scratch.loadStored(stored);
  scratch.stateVector();
  scratch.destroy();
  await db
    .transaction(async (tx) => {
      for (let batch = 1; batch <= 8; batch++)
        await appendDocUpdates(
          tx,
          updates.slice(0, batch).map((update) => ({ resolutionId: snapshot.resolutionId, update, userId: null })),
        );
      throw new RolledBack();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RolledBack)) throw e;
    });
}
