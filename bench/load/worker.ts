import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LeanClient, type ClientSpec } from './client';
import { ArrivalLedger } from './arrivals';
import { editText, countMarkersInText } from './marker';
import { Histogram } from './stats';
import { nowUs, sleep } from './clock';
import type { FromWorker, ToWorker, VerifierReport } from './messages';

/**
 * A load-generator process: holds its share of the clients, types on schedule and counts
 * arrivals. Driven over IPC by fleet.ts; no server ever runs in this process.
 */
let clients: LeanClient[] = [];
let ledger: ArrivalLedger | null = null;
let disconnects = 0;

const reply = (message: FromWorker) => process.send!(message);

process.on('message', (message: ToWorker) => {
  handle(message).catch((e: unknown) => {
    reply({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  });
});
process.on('disconnect', () => process.exit(0));

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'connect':
      return connect(message.specs, message.concurrency, message.timeoutMs);
    case 'phase':
      return runPhase(message);
    case 'finalize':
      return finalize(message.run, message.sent, message.deadlineUs);
    case 'close':
      await Promise.all(clients.map((c) => c.close()));
      process.exit(0);
  }
}

async function connect(specs: ClientSpec[], concurrency: number, timeoutMs: number): Promise<void> {
  clients = specs.map(
    (spec, slot) =>
      new LeanClient(spec, {
        onUpdateBytes: (_client, bytes, arrivedUs) => ledger?.record(slot, bytes, arrivedUs),
        onUnexpectedClose: () => disconnects++,
      }),
  );
  const failures: { index: number; error: string }[] = [];
  const connectMs: number[] = [];
  let next = 0;
  // A bounded number of handshakes at a time, as users arriving at a session would.
  const lane = async () => {
    while (next < clients.length) {
      const client = clients[next++];
      try {
        await client.connect(timeoutMs);
        connectMs.push((client.syncedUs - client.connectUs) / 1000);
      } catch (e) {
        failures.push({ index: client.spec.index, error: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, lane));
  warmUpLocally();
  reply({ type: 'connected', ok: clients.length - failures.length, failures, connectMs });
}

/**
 * The load generator's own hot path (typing into a Y.Doc, encoding the update message,
 * scanning received bytes for markers) run locally a few thousand times, so that a cold
 * B1 measures the server's first second, not this process compiling its code. Nothing is
 * sent.
 */
function warmUpLocally(): void {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('resolution');
  for (let i = 0; i < 10; i++) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Warm-up paragraph.')]);
    fragment.insert(i, [p]);
  }
  const scratch = new ArrivalLedger(0, 10, 400, [-1], [0], 1, nowUs(), 1);
  doc.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, update);
    scratch.record(0, Buffer.from(encoding.toUint8Array(encoder)), nowUs());
  });
  const lengths = new Array(10).fill('Warm-up paragraph.'.length);
  for (let k = 0; k < 3000; k++) {
    const e = k % 10;
    const text = editText(0, e, Math.floor(k / 10), nowUs());
    ((fragment.get(e) as Y.XmlElement).firstChild as Y.XmlText).insert(lengths[e], text);
    lengths[e] += text.length;
  }
  doc.destroy();
}

// The histogram records whole timer intervals: subtract the interval to get the delay.
const LOOP_RESOLUTION_MS = 2;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
const delayMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
let phaseCpu = process.cpuUsage();
let phaseStartUs = 0;

async function runPhase(p: Extract<ToWorker, { type: 'phase' }>): Promise<void> {
  ledger = new ArrivalLedger(
    p.run,
    p.editors,
    p.maxSeq,
    clients.map((c) => c.spec.editorIndex),
    clients.map((c) => c.spec.index % p.serverProcesses),
    p.serverProcesses,
    p.startUs,
    p.durationS,
  );
  disconnects = 0;
  const editors = new Map(clients.filter((c) => c.spec.role === 'editor').map((c) => [c.spec.editorIndex, c]));
  const sent = new Int32Array(p.editors);
  const lag = new Histogram();
  const total = Math.floor(p.rate * p.durationS);
  const intervalUs = 1e6 / p.rate;
  loopDelay.reset();
  loopDelay.enable();
  phaseCpu = process.cpuUsage();
  phaseStartUs = p.startUs;

  // Update k is due at start + k/rate and typed by editor k mod E (round robin), so the
  // editors together send exactly `rate` updates a second whatever the process split.
  let k = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = nowUs();
      while (k < total && p.startUs + k * intervalUs <= now) {
        const editor = editors.get(k % p.editors);
        if (editor) {
          const seq = Math.floor(k / p.editors);
          const sentUs = nowUs();
          lag.record(sentUs - (p.startUs + k * intervalUs));
          editor.type(editText(p.run, editor.spec.editorIndex, seq, sentUs));
          sent[editor.spec.editorIndex]++;
        }
        k++;
      }
      if (k >= total) return resolve();
      setTimeout(tick, Math.max(0, (p.startUs + k * intervalUs - nowUs()) / 1000));
    };
    setTimeout(tick, Math.max(0, (p.startUs - nowUs()) / 1000));
  });
  reply({ type: 'sent', run: p.run, sent, scheduleLag: lag.summary() });
}

async function finalize(run: number, sent: Int32Array, deadlineUs: number): Promise<void> {
  const l = ledger;
  if (!l || l.run !== run) throw new Error(`finalize for run ${run} without that phase`);
  const drainStart = nowUs();
  while (l.missing(sent) > 0 && nowUs() < deadlineUs) await sleep(20);
  const drainMs = (nowUs() - drainStart) / 1000;
  loopDelay.disable();
  const cpu = process.cpuUsage(phaseCpu);
  const wallUs = nowUs() - phaseStartUs;
  const { lost, duplicated } = l.tally(sent);
  reply({
    type: 'result',
    run,
    receivers: clients.length,
    latency: l.latency.toData(),
    crossProcess: l.crossProcess.toData(),
    withinProcess: l.withinProcess.toData(),
    bySecond: l.bySecond.map((h) => h.toData()),
    slowest: l.slowest,
    reached: l.reached,
    expected: l.expected(sent),
    arrived: l.firstArrivals,
    lost,
    duplicated,
    stale: l.stale,
    unknown: l.unknown,
    disconnects,
    drainMs,
    loopDelay: {
      p50Ms: delayMs(loopDelay.percentile(50)),
      p99Ms: delayMs(loopDelay.percentile(99)),
      maxMs: delayMs(loopDelay.max),
    },
    cpuPercent: ((cpu.user + cpu.system) / wallUs) * 100,
    verifiers: clients.filter((c) => c.spec.verifier).map((c) => verify(c, run, sent, l.maxSeq)),
  });
}

/** Every marker of the phase exactly once in the verifier's converged text. */
function verify(client: LeanClient, run: number, sent: Int32Array, maxSeq: number): VerifierReport {
  const text = client.text();
  const counts = countMarkersInText(text);
  let missingInDoc = 0;
  let duplicatedInDoc = 0;
  sent.forEach((n, editor) => {
    for (let seq = 0; seq < Math.min(n, maxSeq); seq++) {
      const c = counts.get(`${run}.${editor}.${seq}`) ?? 0;
      if (c === 0) missingInDoc++;
      else duplicatedInDoc += c - 1;
    }
  });
  return {
    index: client.spec.index,
    textHash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    missingInDoc,
    duplicatedInDoc,
  };
}
