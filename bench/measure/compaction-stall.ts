/**
 * What holds up B2's updates without blocking the relay's thread: the stages every client
 * update waits for, timed in-process while a document grows the way B2 grows it (150 editors
 * typing a word and a marker at the end of their own text, three to a paragraph):
 *
 * - the update guard's check (its worker: the mirror, the shape, the checkpoint's fold);
 * - the group commit's store (PGlite's worker), 900 updates/s, each `store` timed from the
 *   call to its sequence number;
 * - meanwhile, an overdue compaction as the server runs it (10,000 stored updates): the
 *   state folder's snapshot, then the snapshot's write, each part timed.
 *
 * Run on PGlite in a temporary folder, as the bench's Concord does.
 *
 *   node --import tsx bench/measure/compaction-stall.ts [--before 28350] [--json out.json]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance as nodePerformance } from 'node:perf_hooks';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '../../db/client';
import { snapshotLiveState } from '../../db/commands/doc-compactor';
import { appendDocUpdates, loadDocState, writeSnapshot } from '../../db/queries/doc-state';
import { resolutionShape } from '../../lib/collab/document-shape';
import { EncodedState } from '../../server/collab/encoded-state';
import { createGroupCommitter } from '../../server/collab/group-commit';
import { createStateFolder } from '../../server/collab/state-folder';
import { createUpdateGuard } from '../../server/collab/update-guard';
import { editText } from '../load/marker';
import { populate } from '../servers/concord-fixture';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
/** Edits typed before the measured stretch: B2's steps 30…600/s, 15 s each. */
const BEFORE = Number(arg('--before', '28350'));
const RATE = Number(arg('--rate', '900'));
const SECONDS = Number(arg('--seconds', '6'));
const EDITORS = 150;
/** The server's overdue compaction: 20 × CONCORD_COLLAB_COMPACT_AFTER (500). */
const OVERDUE = 10_000;

/** B2's editors: editor e types at the end of its own text in paragraph e mod n. */
function typists(base: Uint8Array) {
  const docs = Array.from({ length: EDITORS }, () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, base);
    return d;
  });
  const targets = docs.map((d, e) => {
    const paragraphs = d.getXmlFragment('resolution').toArray() as Y.XmlElement[];
    return paragraphs[e % paragraphs.length].firstChild as Y.XmlText;
  });
  const at = targets.map((t) => t.length);
  let k = 0;
  return {
    next(): Uint8Array {
      const e = k % EDITORS;
      const seq = Math.floor(k / EDITORS);
      const sentUs = 300_000_000 + k * 1000;
      k++;
      const text = editText(9, e, seq, sentUs);
      const before = Y.encodeStateVector(docs[e]);
      targets[e].insert(at[e], text);
      at[e] += text.length;
      return Y.encodeStateAsUpdate(docs[e], before);
    },
    get count() {
      return k;
    },
  };
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => +(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2);
  return { count: times.length, p50: at(0.5), p99: at(0.99), max: at(1) };
};

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'compaction-stall-'));
  const database = await openDatabase({ dataDir: dir });
  const { resolutionId } = await populate(database, { editors: 1, watchers: 1, tag: 'stall' });
  const db = database.db;
  const base = (await loadDocState(db, resolutionId)).update;
  const typing = typists(base);

  // The document as B2 leaves it before the measured step: snapshot, then a log tail of
  // what was stored since the last overdue compaction.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const tailLength = BEFORE % OVERDUE;
  const tail: Uint8Array[] = [];
  for (let i = 0; i < BEFORE; i++) {
    const u = typing.next();
    if (i < BEFORE - tailLength) Y.applyUpdate(doc, u);
    else tail.push(u);
  }
  const snapshotAtStart = Y.encodeStateAsUpdate(doc);
  await writeSnapshot(db, resolutionId, snapshotAtStart, 0);
  let upToSeq = 0;
  for (let i = 0; i < tail.length; i += 500) {
    const seqs = await appendDocUpdates(
      db,
      tail.slice(i, i + 500).map((update) => ({ resolutionId, update })),
    );
    upToSeq = seqs.at(-1)!;
  }
  for (const u of tail) Y.applyUpdate(doc, u);
  const startState = Y.encodeStateAsUpdate(doc);

  const folder = createStateFolder();
  const text = new EncodedState(startState, undefined, folder);
  const shape = resolutionShape({ maxParagraphChars: 1_000_000 });
  const guard = createUpdateGuard({ timeMs: 5000, memoryMb: 512, shapes: { resolution: shape } });
  await guard.open(resolutionId, 'resolution', () => startState);
  const committer = createGroupCommitter(
    async () => db,
    3,
    (e) => console.error(e),
  );

  const checks: { at: number; ms: number }[] = [];
  const stores: { at: number; ms: number }[] = [];
  const compaction: Record<string, number> = {};
  let stored = tailLength;
  let compacting: Promise<void> | null = null;
  const total = RATE * SECONDS;
  // Typed beforehand: the measured thread does only what the relay's does per update.
  const measured = Array.from({ length: total }, () => typing.next());
  const eluAtStart = nodePerformance.eventLoopUtilization();
  const t0 = performance.now();
  const inFlight: Promise<void>[] = [];

  const compact = async () => {
    const start = performance.now();
    compaction.startedAtMs = start - t0;
    const state = await text.collectedElsewhere();
    const snapshotted = performance.now();
    compaction.snapshotMs = snapshotted - start;
    compaction.stateBytes = state.byteLength;
    await snapshotLiveState(db, resolutionId, state, upToSeq);
    compaction.writeMs = performance.now() - snapshotted;
    compaction.writeFromMs = snapshotted - t0;
  };

  // One update per 1/RATE s, in turns of 10 ms as sockets are read.
  for (let sent = 0; sent < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE) + 1);
    for (; sent < due; sent++) {
      const update = measured[sent];
      const at = performance.now();
      inFlight.push(
        (async () => {
          await guard.check(update, resolutionId);
          const checked = performance.now();
          checks.push({ at: at - t0, ms: checked - at });
          text.add(update);
          const seq = await committer.store({ resolutionId, update, userId: null });
          stores.push({ at: checked - t0, ms: performance.now() - checked });
          upToSeq = Math.max(upToSeq, seq);
          if (++stored >= OVERDUE && !compacting) {
            stored = 0;
            compacting = compact();
          }
        })(),
      );
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(inFlight);
  // This thread's busy time per update: the guard's post, the encoded state, the group
  // commit's insert and its posting to PGlite (the broadcast is not part of this measure).
  const busy = nodePerformance.eventLoopUtilization(eluAtStart);
  await compacting;

  // Paragraph and document sizes against the production limits, as B2's editors see them.
  const lengths = (doc.getXmlFragment('resolution').toArray() as Y.XmlElement[]).map(
    (p) => (p.firstChild as Y.XmlText).length,
  );
  const bySecond = (rows: { at: number; ms: number }[]) =>
    Array.from(
      { length: SECONDS + 2 },
      (_, s) => summary(rows.filter((r) => r.at >= s * 1000 && r.at < (s + 1) * 1000).map((r) => r.ms)).max,
    );
  const overlapsWrite = ({ at, ms }: { at: number; ms: number }) =>
    at < compaction.writeFromMs + compaction.writeMs && at + ms > compaction.writeFromMs;
  const result = {
    measured: new Date().toISOString(),
    loadAverage: os.loadavg(),
    editsBefore: BEFORE,
    rate: RATE,
    stateBytesAtStart: startState.byteLength,
    longestParagraphAtStart: Math.max(...lengths),
    mainThreadBusyMsPerUpdate: +(busy.active / total).toFixed(3),
    mainThreadUtilization: +busy.utilization.toFixed(3),
    guardCheck: summary(checks.map((c) => c.ms)),
    guardCheckMaxBySecond: bySecond(checks),
    store: summary(stores.map((s) => s.ms)),
    // Stores waiting while the snapshot was written, and the others.
    storeDuringWrite: summary(stores.filter(overlapsWrite).map((s) => s.ms)),
    storeOtherwise: summary(stores.filter((s) => !overlapsWrite(s)).map((s) => s.ms)),
    storeMaxBySecond: bySecond(stores),
    compaction,
  };
  console.log(JSON.stringify(result, null, 2));
  const out = arg('--json', '');
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  await guard.close();
  await folder.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
