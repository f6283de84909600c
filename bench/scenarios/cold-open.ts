import * as Y from 'yjs';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { openDatabase } from '../../db/client';
import { importResolution } from '../../db/commands/resolution-importer';
import { appendDocUpdates, countLogTail, loadDocState } from '../../db/queries/doc-state';
import { compactDocument } from '../../db/commands/doc-compactor';
import { readCollabConfig } from '../../server/collab/config';
import { LiveDocument } from '../../server/collab/live-document';
import { createGroupCommitter } from '../../server/collab/group-commit';
import { localRelay } from '../../server/collab/relay';
import { docSnapshots } from '../../db/schema';
import { inArray } from 'drizzle-orm';
import { LeanClient } from '../load/client';
import { nowUs, sleep } from '../load/clock';
import { median } from '../load/stats';
import { memoryMiB } from '../measure/process-usage';
import { startConcord, type RunningConcord } from '../servers/concord';
import { EXAMPLE_PATH, preparePgliteFixture, removeDir, type ConcordFixture } from '../servers/concord-fixture';
import { typingHistory } from './history';
import { fmt, log, type BenchContext, type ScenarioResult } from './context';

const END = (size: number, j: number) => `{END-OF-HISTORY ${size}/${j}}`;

interface SizeResult {
  history: number;
  documents: number;
  /** Fresh client, document not in the server's memory yet: connect → full state, ms. */
  firstOpenMs: number[];
  /** Another fresh client while the document is open. */
  secondClientMs: number;
  /** After a server restart (whatever the server compacted meanwhile now counts). */
  afterRestartMs: number;
  /** Server RSS growth per open document, MiB (rough: allocator and GC timing move it). */
  memoryPerDocMiB: number;
  /** Memory held by the document as the server opens it (heap after a forced GC + its encoded state), MiB. */
  openedMiB: number;
  /** The same after a delegate typed into it, MiB. */
  editedMiB: number;
  /** Size of the sync step 2 the client received, bytes. */
  stateBytes: number;
  /** Update-log rows left for the first document after the run, and whether it has a snapshot. */
  logRowsAfter: number;
  snapshotAfter: boolean;
}

/** Opens `url` as a fresh client with a real Y.Doc; resolves when it has the full state. */
async function openFresh(
  url: string,
  origin: string,
  endMarker: string,
): Promise<{ client: LeanClient; ms: number; bytes: number }> {
  let bytes = 0;
  const client = new LeanClient(
    { index: 0, url, origin, role: 'watcher', editorIndex: -1, verifier: true },
    { onUpdateBytes: (_c, b) => (bytes += b.length) },
  );
  const started = nowUs();
  await client.connect(180_000);
  if (!client.text().includes(endMarker)) {
    await client.close();
    throw new Error(`synced without the end of the history (${endMarker})`);
  }
  return { client, ms: (client.syncedUs - started) / 1000, bytes };
}

/**
 * Builds the documents: the example imported, then its history stored the way the live
 * server stores it — appended in batches and compacted (Concord's own compactDocument)
 * each time `CONCORD_COLLAB_COMPACT_AFTER` (500) updates have been stored, leaving the
 * last batch as the log tail, as a server that stopped right after it would.
 */
async function buildDocuments(
  fixture: ConcordFixture,
  dataDir: string,
  sizes: number[],
  perSize: number,
): Promise<Map<number, string[]>> {
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  const text = fs.readFileSync(EXAMPLE_PATH, 'utf8');
  const docs = new Map<number, string[]>();
  try {
    for (const size of sizes) {
      const ids: string[] = [];
      for (let j = 0; j < perSize; j++) {
        const started = performance.now();
        const { resolution } = await importResolution(database.db, {
          committeeId: fixture.committeeId,
          actorId: fixture.chairId,
          text,
          title: `History ${size} #${j + 1}`,
        });
        const base = (await loadDocState(database.db, resolution.id)).update;
        const updates = typingHistory(base, size, END(size, j), j + 1);
        const every = readCollabConfig().compactAfterUpdates;
        for (let i = 0; i < updates.length; i += every) {
          await appendDocUpdates(
            database.db,
            updates
              .slice(i, i + every)
              .map((update) => ({ resolutionId: resolution.id, update, userId: fixture.chairId })),
          );
          if (i + every < updates.length) await compactDocument(database.db, resolution.id);
        }
        ids.push(resolution.id);
        log(
          `  document ${j + 1}/${perSize} with ${fmt.int(size)} updates of history stored in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
      docs.set(size, ids);
    }
  } finally {
    await database.close();
  }
  return docs;
}

const COPIES = 40;

/** A forced full GC, for heap readings that mean something. */
v8.setFlagsFromString('--expose-gc');
const forceGc = vm.runInNewContext('gc') as () => void;

/** Keystrokes typed into each open copy for the "being edited" reading. */
const TYPED = 200;

/**
 * What an open document costs in memory, measured where it can be measured exactly: the
 * server's own LiveDocument loading the stored state (loadDocState, then its encoded
 * state), kept alive here, heap read after a forced GC before and after; then the same
 * documents after a delegate typed TYPED keystrokes into each (taken in, stored and
 * relayed as from a socket, not yet merged into the state: the batch is at its largest).
 */
async function documentHeapMiB(
  dataDir: string,
  ids: string[],
  userId: string,
): Promise<{ opened: number; edited: number }> {
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  const committer = createGroupCommitter(
    async () => database.db,
    3,
    () => {},
  );
  const heap = () => {
    forceGc();
    return process.memoryUsage().heapUsed;
  };
  try {
    // Read first: the database's own allocations must not fall between the readings.
    const stored = await Promise.all(ids.map((id) => loadDocState(database.db, id)));
    const keystrokes = stored.map((s) => typedUpdates(s.update, TYPED));
    // Each document opened COPIES times: a document is tens of KiB, the heap's own noise
    // after a forced GC a few hundred; many copies make the difference readable.
    const opened = stored.flatMap((s, i) =>
      Array.from({ length: COPIES }, () => ({ id: ids[i], s, keys: keystrokes[i] })),
    );
    const typist = { userId, awarenessIds: new Set<number>(), send() {} };
    const base = heap();
    const lives = opened.map(
      ({ id }) => new LiveDocument(id, { committer, relay: localRelay, maybeCompact() {}, onError() {} }),
    );
    lives.forEach((live, i) => {
      live.loadStored(opened[i].s);
    });
    // The encoded state lives in ArrayBuffers, outside the JS heap (and Node's count of
    // ArrayBuffer memory lags behind frees): add their exact size.
    const held = () => lives.reduce((sum, l) => sum + l.byteLength, 0);
    const atOpen = heap() + held();
    lives.forEach((live, i) => {
      for (const k of opened[i].keys) live.applyFrom(k, typist);
    });
    await Promise.all(lives.map((l) => l.settled()));
    const edited = heap() + held();
    for (const l of lives) l.destroy();
    const perDoc = (bytes: number) => bytes / lives.length / 1024 / 1024;
    return { opened: perDoc(atOpen - base), edited: perDoc(edited - base) };
  } finally {
    await database.close();
  }
}

/** `count` keystrokes typed at the start of the first paragraph of `state`, one update each. */
function typedUpdates(state: Uint8Array, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const text = (doc.getXmlFragment('resolution').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) text.insert(i, 'calls upon all parliaments '[i % 27]);
  doc.destroy();
  return updates;
}

async function inspectLog(dataDir: string, ids: string[]): Promise<{ rows: number[]; snapshots: Set<string> }> {
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  try {
    const rows = await Promise.all(ids.map((id) => countLogTail(database.db, id)));
    const snaps = await database.db
      .select({ id: docSnapshots.resolutionId })
      .from(docSnapshots)
      .where(inArray(docSnapshots.resolutionId, ids));
    return { rows, snapshots: new Set(snaps.map((s) => s.id)) };
  } finally {
    await database.close();
  }
}

async function measure(ctx: BenchContext): Promise<SizeResult[]> {
  const { history, historyDocs } = ctx.options;
  // Its own small database: B3 needs one reader, not B1's thousand users.
  const fixture = await preparePgliteFixture({ editors: 1, watchers: 1 });
  const dataDir = fixture.dataDir!;
  let server: RunningConcord | null = null;
  const clients: LeanClient[] = [];
  try {
    log(
      `building ${historyDocs} document(s) per history size (${history.map(fmt.int).join(', ')} updates) with appendDocUpdates…`,
    );
    const docs = await buildDocuments(fixture, dataDir, history, historyDocs);
    const heap = new Map<number, { opened: number; edited: number }>();
    for (const size of history) heap.set(size, await documentHeapMiB(dataDir, docs.get(size)!, fixture.chairId));
    const token = fixture.watcherTokens[0];
    const start = () => startConcord({ fixture, processes: 1, dataDir });
    server = await start();
    const origin = server.origin(0);
    const pid = server.pids[0];
    const rss = () => memoryMiB(pid)?.rss ?? NaN;

    // Warm the server (JIT, database pool) on the plain example before the first reading.
    const warm = new LeanClient({
      index: 0,
      url: server.resolutionUrl(fixture.resolutionId, token),
      origin,
      role: 'watcher',
      editorIndex: -1,
      verifier: false,
    });
    await warm.connect(60_000);
    clients.push(warm);
    await sleep(1000);
    let before = rss();

    const results: SizeResult[] = [];
    for (const size of history) {
      const ids = docs.get(size)!;
      const firstOpenMs: number[] = [];
      let stateBytes = 0;
      for (const [j, id] of ids.entries()) {
        const opened = await openFresh(server.resolutionUrl(id, token), origin, END(size, j));
        clients.push(opened.client);
        firstOpenMs.push(opened.ms);
        stateBytes = opened.bytes;
      }
      await sleep(1000);
      const after = rss();
      const second = await openFresh(server.resolutionUrl(ids[0], token), origin, END(size, 0));
      await second.client.close();
      log(
        `  ${fmt.int(size)}: first open median ${fmt.ms(median(firstOpenMs))}, second client ${fmt.ms(second.ms)}, +${(after - before).toFixed(1)} MiB for ${ids.length} document(s)`,
      );
      results.push({
        history: size,
        documents: ids.length,
        firstOpenMs,
        secondClientMs: second.ms,
        afterRestartMs: NaN,
        memoryPerDocMiB: (after - before) / ids.length,
        openedMiB: heap.get(size)!.opened,
        editedMiB: heap.get(size)!.edited,
        stateBytes,
        logRowsAfter: NaN,
        snapshotAfter: false,
      });
      before = after;
    }

    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.stop();
    log('restarting Concord on the same data…');
    server = await start();
    const rewarm = new LeanClient({
      index: 0,
      url: server.resolutionUrl(fixture.resolutionId, token),
      origin: server.origin(0),
      role: 'watcher',
      editorIndex: -1,
      verifier: false,
    });
    await rewarm.connect(60_000);
    clients.push(rewarm);
    for (const r of results) {
      const opened = await openFresh(
        server.resolutionUrl(docs.get(r.history)![0], token),
        server.origin(0),
        END(r.history, 0),
      );
      r.afterRestartMs = opened.ms;
      clients.push(opened.client);
    }
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.stop();
    server = null;

    const firstIds = results.map((r) => docs.get(r.history)![0]);
    const { rows, snapshots } = await inspectLog(dataDir, firstIds);
    results.forEach((r, i) => {
      r.logRowsAfter = rows[i];
      r.snapshotAfter = snapshots.has(firstIds[i]);
    });
    return results;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server?.stop();
    removeDir(dataDir);
  }
}

export async function coldOpenScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { history } = ctx.options;
  const title = `B3 cold open: documents with ${history.map(fmt.int).join(' and ')} updates of history (Concord only: the reference server keeps nothing, so it has no history to open)`;
  const columns = [
    'metric',
    ...history.map((h) => `${fmt.int(h)} updates`),
    history.length > 1 ? `${fmt.int(history.at(-1)!)} ÷ ${fmt.int(history[0])}` : '',
  ];
  const missing = ctx.options.servers.includes('concord') ? ctx.concordMissing() : 'Concord not selected (--servers)';
  if (missing) {
    return {
      id: 'B3',
      title,
      columns: ['metric', 'Concord'],
      rows: [['time to full state; memory per open document', `not measured: ${missing}`]],
      verdicts: [
        {
          criterion: `${fmt.int(history.at(-1)!)} updates of history cost ≤ 1.5× what ${fmt.int(history[0])} cost`,
          pass: null,
          detail: `not measured: ${missing}`,
        },
      ],
      notes: [],
      data: { measured: false, reason: missing },
    };
  }
  let results: SizeResult[];
  try {
    results = await measure(ctx);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      id: 'B3',
      title,
      columns: ['metric', 'Concord'],
      rows: [['all', 'failed (see notes)']],
      verdicts: [],
      notes: [`Concord: ${message}`],
      data: { error: message },
    };
  }
  const first = results[0];
  const last = results.at(-1)!;
  const row = (metric: string, f: (r: SizeResult) => number, show: (v: number) => string) => [
    metric,
    ...results.map((r) => show(f(r))),
    results.length > 1 ? fmt.ratio(f(last), f(first)) : '',
  ];
  const openMedian = (r: SizeResult) => median(r.firstOpenMs);
  const rows = [
    row(`time to full state, first open (median of ${first.documents})`, openMedian, fmt.ms),
    row('time to full state, first open (slowest)', (r) => Math.max(...r.firstOpenMs), fmt.ms),
    row('time to full state, second client while open', (r) => r.secondClientMs, fmt.ms),
    row('time to full state, first open after a restart', (r) => r.afterRestartMs, fmt.ms),
    row(
      'memory per open document, opened (heap after GC + its encoded state)',
      (r) => r.openedMiB,
      (v) => `${v.toFixed(3)} MiB`,
    ),
    row(
      `memory per open document being edited (after ${TYPED} keystrokes)`,
      (r) => r.editedMiB,
      (v) => `${v.toFixed(3)} MiB`,
    ),
    row(
      'server RSS growth per opened document (rough)',
      (r) => r.memoryPerDocMiB,
      (v) => `${v.toFixed(2)} MiB`,
    ),
    row(
      'state sent to the client (sync step 2)',
      (r) => r.stateBytes,
      (v) => `${fmt.int(Math.round(v / 1024))} KiB`,
    ),
    [
      'update-log rows left after the run (first document)',
      ...results.map((r) => `${fmt.int(r.logRowsAfter)}${r.snapshotAfter ? ' + snapshot' : ', no snapshot'}`),
      '',
    ],
  ];
  const timeRatio = openMedian(last) / openMedian(first);
  const memRatio = last.openedMiB / first.openedMiB;
  const editedRatio = last.editedMiB / first.editedMiB;
  return {
    id: 'B3',
    title,
    columns,
    rows,
    verdicts:
      results.length > 1
        ? [
            {
              criterion: `${fmt.int(last.history)} updates of history cost ≤ 1.5× what ${fmt.int(first.history)} cost (first-open time, memory of an open document)`,
              pass: first.openedMiB > 0 && timeRatio <= 1.5 && memRatio <= 1.5,
              detail: `time ${timeRatio.toFixed(2)}×, memory ${memRatio.toFixed(2)}×`,
            },
            {
              criterion: `… and memory while the document is being edited ≤ 1.5×`,
              pass: first.editedMiB > 0 && editedRatio <= 1.5,
              detail: `${editedRatio.toFixed(2)}×`,
            },
          ]
        : [],
    notes: [
      `Memory per open document: the server's LiveDocument opening the stored state (loadDocState; the live document keeps it encoded, never as a long-lived Y.Doc), JS heap measured after a forced GC plus the bytes of the encoded state (ArrayBuffers, outside the heap), in the bench process, over ${COPIES} copies of each document (one is tens of KiB, the heap's own noise a few hundred); 'being edited' is the same after ${TYPED} keystrokes were taken in (stored and relayed) by each copy, not yet merged into its state. The server RSS growth row is rough (allocator and GC timing move it by MiBs, even below zero).`,
    ],
    data: results,
  };
}
