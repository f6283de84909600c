import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientSpec } from './client';
import type { ConnectReport, FromWorker, PhaseReport, SentReport, ToWorker, VerifierReport } from './messages';
import { Histogram, median, percentileOf, type LatencySummary } from './stats';
import { nowUs } from './clock';
import { niceLoad, pinFor } from './pin';

/** BENCH_PROFILE_DIR=/some/dir: every load and server process writes a V8 CPU profile there. */
export function profileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  // A coarser sampling interval (µs; V8's default 1000) disturbs a nearly saturated server less.
  const interval = process.env.BENCH_PROFILE_INTERVAL_US;
  if (interval !== undefined && !/^[1-9]\d{0,6}$/.test(interval))
    throw new Error(`BENCH_PROFILE_INTERVAL_US must be a whole number of microseconds, got "${interval}"`);
  if (!dir) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...(interval ? [`--cpu-prof-interval=${interval}`] : [])];
}

const workerPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

/** What one phase (one rate for some seconds) measured, merged over all load processes. */
export interface PhaseOutcome {
  rate: number;
  durationS: number;
  connections: number;
  editors: number;
  sentUpdates: number;
  /** Receiver-update pairs: each update should reach every client but its sender. */
  expectedDeliveries: number;
  deliveries: number;
  lost: number;
  duplicated: number;
  staleMarkers: number;
  unknownMarkers: number;
  disconnects: number;
  /** Per (update, receiver): from the update leaving its editor to its arrival. */
  latency: LatencySummary;
  /** Same, only between clients of different server processes (null with one process). */
  crossProcessLatency: LatencySummary | null;
  /** Same, only between clients of the same server process (null with one process). */
  withinProcessLatency: LatencySummary | null;
  /** Per update: until the last of the other clients had it (updates that reached all). */
  untilAllHaveIt: LatencySummary;
  /** `latency` by the second of the phase the update was sent in (first second first). */
  bySecond: LatencySummary[];
  drainMs: number;
  load: {
    processes: number;
    scheduleLagP99Ms: number | null;
    loopDelayP99Ms: number;
    loopDelayMaxMs: number;
    cpuPercent: number[];
  };
  verifiers: { count: number; converged: boolean; missingInDoc: number; duplicatedInDoc: number };
}

/** One load-generator process, with a little mailbox so replies can be awaited by type. */
class LoadProcess {
  private inbox: FromWorker[] = [];
  private waiting: ((m: FromWorker) => void) | null = null;
  private exited: Error | null = null;

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromWorker) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(m);
      } else this.inbox.push(m);
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`load process ${child.pid} exited (${code ?? signal})`);
      this.waiting?.({ type: 'error', message: this.exited.message });
    });
  }

  send(message: ToWorker): void {
    this.child.send(message);
  }

  async next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    const m =
      this.inbox.shift() ??
      (this.exited
        ? { type: 'error' as const, message: this.exited.message }
        : await new Promise<FromWorker>((r) => (this.waiting = r)));
    if (m.type === 'error') throw new Error(`load process: ${m.message}`);
    if (m.type !== type) throw new Error(`load process: expected ${type}, got ${m.type}`);
    return m as Extract<FromWorker, { type: T }>;
  }
}

export class LoadFleet {
  private run = 0;
  connectMs: { p50: number; p99: number; max: number } = { p50: NaN, p99: NaN, max: NaN };

  private constructor(
    private processes: LoadProcess[],
    readonly specs: ClientSpec[],
  ) {}

  get pids(): number[] {
    return this.processes.map((p) => p.child.pid!);
  }

  /** Forks the load processes, hands each its clients (client i → process i mod P), connects all. */
  static async start(specs: ClientSpec[], processCount: number): Promise<LoadFleet> {
    const processes = Array.from({ length: processCount }, () => {
      const child = fork(workerPath, [], {
        execArgv: ['--import', 'tsx', ...profileArgs()],
        serialization: 'advanced',
        env: { ...process.env },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      pinFor('load', child.pid);
      niceLoad(child.pid);
      return new LoadProcess(child);
    });
    const fleet = new LoadFleet(processes, specs);
    try {
      processes.forEach((p, i) => {
        p.send({
          type: 'connect',
          specs: specs.filter((s) => s.index % processCount === i),
          concurrency: 25,
          timeoutMs: 60_000,
        });
      });
      const reports: ConnectReport[] = await Promise.all(processes.map((p) => p.next('connected')));
      const failures = reports.flatMap((r) => r.failures);
      if (failures.length > 0) {
        const sample = failures
          .slice(0, 3)
          .map((f) => `client ${f.index}: ${f.error}`)
          .join('; ');
        throw new Error(`${failures.length} of ${specs.length} clients could not connect (${sample})`);
      }
      const times = reports.flatMap((r) => r.connectMs);
      fleet.connectMs = { p50: median(times), p99: percentileOf(times, 0.99), max: Math.max(...times) };
    } catch (e) {
      await fleet.close();
      throw e;
    }
    return fleet;
  }

  /** Editors send `rate` updates/s for `durationS`; then waits up to `drainS` for arrivals. */
  async runPhase(rate: number, durationS: number, drainS: number, serverProcesses = 1): Promise<PhaseOutcome> {
    const run = ++this.run;
    const editors = this.specs.filter((s) => s.role === 'editor').length;
    const total = Math.floor(rate * durationS);
    const maxSeq = Math.ceil(total / editors) + 1;
    const startUs = nowUs() + 500_000;
    for (const p of this.processes) {
      p.send({ type: 'phase', run, rate, durationS, startUs, editors, maxSeq, serverProcesses });
    }
    const sentReports: SentReport[] = await Promise.all(this.processes.map((p) => p.next('sent')));
    const sent = new Int32Array(editors);
    for (const r of sentReports) {
      r.sent.forEach((n, e) => {
        sent[e] += n;
      });
    }
    const deadlineUs = nowUs() + drainS * 1e6;
    for (const p of this.processes) p.send({ type: 'finalize', run, sent, deadlineUs });
    const results: PhaseReport[] = await Promise.all(this.processes.map((p) => p.next('result')));
    return this.merge(rate, durationS, sent, maxSeq, sentReports, results);
  }

  private merge(
    rate: number,
    durationS: number,
    sent: Int32Array,
    maxSeq: number,
    sentReports: SentReport[],
    results: PhaseReport[],
  ): PhaseOutcome {
    const latency = new Histogram();
    const cross = new Histogram();
    const within = new Histogram();
    for (const r of results) {
      cross.add(r.crossProcess);
      within.add(r.withinProcess);
    }
    const sum = (f: (r: PhaseReport) => number) => results.reduce((a, r) => a + f(r), 0);
    for (const r of results) latency.add(r.latency);
    const bySecond = results[0].bySecond.map((_, i) => {
      const h = new Histogram();
      for (const r of results) if (r.bySecond[i]) h.add(r.bySecond[i]);
      return h.summary();
    });
    // An update has reached everyone when all clients but its sender got it.
    const untilAll = new Histogram();
    const everyoneElse = this.specs.length - 1;
    sent.forEach((n, editor) => {
      for (let seq = 0; seq < n; seq++) {
        const key = editor * maxSeq + seq;
        let reached = 0;
        let slowest = 0;
        for (const r of results) {
          reached += r.reached[key];
          slowest = Math.max(slowest, r.slowest[key]);
        }
        if (reached === everyoneElse) untilAll.record(slowest);
      }
    });
    const verifiers: VerifierReport[] = results.flatMap((r) => r.verifiers);
    const lags = sentReports.map((r) => r.scheduleLag.p99Ms).filter((v): v is number => v !== null);
    return {
      rate,
      durationS,
      connections: this.specs.length,
      editors: sent.length,
      sentUpdates: sent.reduce((a, b) => a + b, 0),
      expectedDeliveries: sum((r) => r.expected),
      deliveries: sum((r) => r.arrived),
      lost: sum((r) => r.lost),
      duplicated: sum((r) => r.duplicated),
      staleMarkers: sum((r) => r.stale),
      unknownMarkers: sum((r) => r.unknown),
      disconnects: sum((r) => r.disconnects),
      latency: latency.summary(),
      crossProcessLatency: cross.count > 0 ? cross.summary() : null,
      withinProcessLatency: within.count > 0 ? within.summary() : null,
      untilAllHaveIt: untilAll.summary(),
      bySecond,
      drainMs: Math.max(...results.map((r) => r.drainMs)),
      load: {
        processes: this.processes.length,
        scheduleLagP99Ms: lags.length ? Math.max(...lags) : null,
        loopDelayP99Ms: Math.max(...results.map((r) => r.loopDelay.p99Ms)),
        loopDelayMaxMs: Math.max(...results.map((r) => r.loopDelay.maxMs)),
        cpuPercent: results.map((r) => Math.round(r.cpuPercent)),
      },
      verifiers: {
        count: verifiers.length,
        converged: new Set(verifiers.map((v) => v.textHash)).size <= 1,
        missingInDoc: verifiers.reduce((a, v) => a + v.missingInDoc, 0),
        duplicatedInDoc: verifiers.reduce((a, v) => a + v.duplicatedInDoc, 0),
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.processes.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
            const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000);
            p.child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (p.child.connected) p.send({ type: 'close' });
            else p.child.kill('SIGTERM');
          }),
      ),
    );
  }
}
