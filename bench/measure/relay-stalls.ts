/**
 * What the relay's thread itself spends on the operations that stalled it during B1,
 * measured in-process with performance.now around each one (so a machine busy with other
 * work inflates every figure alike, but changes the comparison little):
 *
 * - taking updates into a large text's encoded state (EncodedState.add): each call, the
 *   merges of the tail into the state included, when it is due;
 * - the snapshot a compaction takes of it (collected(), or collectedElsewhere() with a
 *   state folder: only its share on this thread, i.e. the call and the adoption of the result);
 * - a client joining meanwhile (its sync steps: the state vector, then what it lacks),
 *   with a state of its own one edit behind;
 * - the longest gap of a 1 ms ticker meanwhile (what monitorEventLoopDelay would show);
 * - postMessage calls to the update guard's worker for checks arriving ten per turn of the
 *   event loop, as from ten sockets read in one poll phase.
 *
 *   node --import tsx bench/measure/relay-stalls.ts [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { EncodedState } from '../../server/collab/encoded-state';
import { createUpdateGuard } from '../../server/collab/update-guard';
import { resolutionShape } from '../../lib/collab/document-shape';

const PARAGRAPHS = 50;
const TYPISTS = 150;
/** Enough typing for a text of about B1's size after its warm-up and phase. */
const BUILD_UPDATES = 25_000;
const MEASURED_UPDATES = 6000;

function typing(count: number, from: Y.Doc, seed: number): Uint8Array[] {
  const typists = Array.from({ length: TYPISTS }, () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(from));
    return d;
  });
  const out: Uint8Array[] = [];
  for (let k = 0; k < count; k++) {
    const t = typists[k % TYPISTS];
    const p = t.getXmlFragment('resolution').get(k % PARAGRAPHS) as Y.XmlElement;
    const text = p.get(0) as Y.XmlText;
    const before = Y.encodeStateVector(t);
    text.insert(text.length, ` word {#${seed}.${k % TYPISTS}.${k}@${1_000_000 + k}}`);
    out.push(Y.encodeStateAsUpdate(t, before));
  }
  for (const t of typists) t.destroy();
  return out;
}

function baseText(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('resolution');
  for (let i = 0; i < PARAGRAPHS; i++) {
    const p = new Y.XmlElement('operative');
    p.setAttribute('id', `p${i}`);
    p.insert(0, [new Y.XmlText(`Operative paragraph ${i} of the draft resolution.`)]);
    fragment.insert(i, [p]);
  }
  return doc;
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: times.length,
    p50: +at(0.5).toFixed(3),
    p99: +at(0.99).toFixed(3),
    max: +(sorted.at(-1) ?? 0).toFixed(3),
    totalMs: +times.reduce((a, b) => a + b, 0).toFixed(1),
  };
};

/** The longest gap between ticks of a 1 ms timer while `run` goes on. */
async function longestGap(run: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  try {
    await run();
  } finally {
    clearInterval(ticker);
  }
  return +worst.toFixed(1);
}

async function folding(withFolder: boolean) {
  const base = baseText();
  const history = typing(BUILD_UPDATES, base, 1);
  const start = Y.mergeUpdates([Y.encodeStateAsUpdate(base), ...history]);
  const more = typing(MEASURED_UPDATES, base, 2);
  base.destroy();
  let folder: { close(): Promise<void> } | undefined;
  if (withFolder) {
    const module = await import('../../server/collab/state-folder').catch(() => null);
    if (!module) return null;
    folder = module.createStateFolder();
  }
  // The third argument is the folder where the code has one (ignored where it does not).
  const State = EncodedState as unknown as new (u: Uint8Array, e?: (e: unknown) => void, f?: unknown) => EncodedState;
  const state = new State(start, undefined, folder);
  const adds: number[] = [];
  const snapshots: number[] = [];
  const joins: number[] = [];
  const joinerVector = Y.encodeStateVectorFromUpdate(start);
  const gap = await longestGap(async () => {
    // 300 updates/s as in B1, in turns of 3 every 10 ms; a snapshot every 1,500 updates.
    for (let i = 0; i < more.length; i += 3) {
      for (const u of more.slice(i, i + 3)) {
        const t = performance.now();
        state.add(u);
        adds.push(performance.now() - t);
      }
      if (i % 1500 === 0 && i > 0) {
        const s = state as unknown as { collectedElsewhere?: () => Promise<Uint8Array> };
        const t = performance.now();
        if (s.collectedElsewhere) {
          const p = s.collectedElsewhere();
          snapshots.push(performance.now() - t);
          await p;
        } else {
          state.collected();
          snapshots.push(performance.now() - t);
        }
      }
      if (i % 1500 === 750) {
        const s = state as unknown as { missingFromElsewhere?: (sv: Uint8Array) => Promise<Uint8Array> };
        const t = performance.now();
        state.stateVector();
        if (s.missingFromElsewhere) {
          const p = s.missingFromElsewhere(joinerVector);
          joins.push(performance.now() - t);
          await p;
        } else {
          state.missingFrom(joinerVector);
          joins.push(performance.now() - t);
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  const bytes = state.encoded().byteLength;
  await folder?.close();
  return {
    stateBytes: bytes,
    add: summary(adds),
    snapshotOnThisThread: summary(snapshots),
    joinOnThisThread: summary(joins),
    longestTickerGapMs: gap,
  };
}

async function guardPosts() {
  const guard = createUpdateGuard({
    timeMs: 500,
    memoryMb: 256,
    shapes: { resolution: resolutionShape({ maxParagraphChars: 20_000 }) },
  });
  const base = baseText();
  await guard.open('room', 'resolution', () => Y.encodeStateAsUpdate(base));
  const updates = typing(3000, base, 3);
  base.destroy();
  const original = Worker.prototype.postMessage;
  let posts = 0;
  Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    posts++;
    return original.apply(this, args);
  };
  try {
    for (let i = 0; i < updates.length; i += 10) {
      // Ten sockets' messages read in one poll phase.
      const turn = updates.slice(i, i + 10).map((u) => guard.check(u, 'room'));
      await Promise.all(turn);
    }
  } finally {
    Worker.prototype.postMessage = original;
    await guard.close();
  }
  return { checks: updates.length, postMessageCalls: posts };
}

async function main() {
  const result = {
    measured: new Date().toISOString(),
    foldingHere: await folding(false),
    foldingOnFolder: await folding(true),
    guard: await guardPosts(),
  };
  console.log(JSON.stringify(result, null, 2));
  const out = process.argv.indexOf('--json');
  if (out > 0) writeFileSync(process.argv[out + 1], JSON.stringify(result, null, 2));
}

void main();
