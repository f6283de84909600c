import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { profileArgs } from '../load/fleet';
import { pinFor } from '../load/pin';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How long the server's event loop was blocked (monitorEventLoopDelay, 1 ms resolution). */
export interface LoopDelay {
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  samples: number;
  /**
   * The longest gaps of the probe's 5 ms ticker, each taken apart: the main thread's time on a CPU
   * and waiting for one (null off Linux), and the GC pauses within it.
   */
  gaps?: LoopGap[];
}

export interface LoopGap {
  gapMs: number;
  runMs: number | null;
  waitMs: number | null;
  gcMs: number;
}

export interface ServerChild {
  child: ChildProcess;
  pid: number;
  port: number;
  output(): string;
  stop(): Promise<void>;
  /** Starts a new event-loop measurement window (bench/measure/loop-probe.mjs). */
  loopReset(): void;
  /** The window's figures so far. */
  loopReport(): Promise<LoopDelay>;
}

/**
 * Extra Node options for the servers under test (BENCH_SERVER_NODE_ARGS, space-separated),
 * e.g. `--perf-basic-prof` so that Linux perf can name the JavaScript it samples.
 */
function serverNodeArgs(): string[] {
  const raw = process.env.BENCH_SERVER_NODE_ARGS?.trim();
  if (!raw) return [];
  const args = raw.split(/\s+/);
  const bad = args.find((a) => !/^--[a-z][a-z0-9-]*(=[\w./:-]+)?$/.test(a));
  if (bad) throw new Error(`BENCH_SERVER_NODE_ARGS: "${bad}" is not a Node option (--name or --name=value)`);
  return args;
}

const LOOP_PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'measure', 'loop-probe.mjs');

/**
 * Starts a TypeScript server script as its own Node process (`node --import tsx`, so the
 * pid we sample is the server itself, not a wrapper) and waits for the line that gives
 * its port.
 */
export async function startServerChild(props: {
  name: string;
  script: string;
  env: Record<string, string | undefined>;
  portLine: RegExp;
  timeoutMs?: number;
}): Promise<ServerChild> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', LOOP_PROBE, ...profileArgs(), ...serverNodeArgs(), props.script],
    {
      cwd: projectRoot,
      env: props.env as NodeJS.ProcessEnv,
      // The IPC channel carries only the event-loop probe's reset/report.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  pinFor('server', child.pid);
  let out = '';
  // Keep the start and the end of the log: enough to explain a failure, bounded in memory.
  const collect = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = `${out.slice(0, 50_000)}\n…\n${out.slice(-100_000)}`;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${props.name} did not report its port within ${(props.timeoutMs ?? 60_000) / 1000} s:\n${out}`),
      );
    }, props.timeoutMs ?? 60_000);
    const check = () => {
      const m = props.portLine.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        child.off('exit', exited);
        resolve(Number(m[1]));
      }
    };
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${props.name} exited with ${code} before listening:\n${out}`));
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', exited);
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return {
    child,
    pid: child.pid!,
    port,
    output: () => out,
    stop: () => stopChild(child),
    loopReset: () => {
      if (child.connected) child.send({ type: 'loop:reset' });
    },
    loopReport: () =>
      new Promise<LoopDelay>((resolve, reject) => {
        if (!child.connected) return reject(new Error(`${props.name} has no IPC channel (exited?)`));
        const timer = setTimeout(() => reject(new Error(`${props.name} did not report its event loop`)), 60_000);
        const onMessage = (m: { type?: string } & LoopDelay) => {
          if (m?.type !== 'loop:report') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve({ maxMs: m.maxMs, p99Ms: m.p99Ms, p50Ms: m.p50Ms, samples: m.samples, gaps: m.gaps });
        };
        child.on('message', onMessage);
        child.send({ type: 'loop:report' });
      }),
  };
}

/** Window figures over several processes: the worst of each. */
export function worstLoop(reports: LoopDelay[]): LoopDelay & { perProcess: LoopDelay[] } {
  return {
    maxMs: Math.max(...reports.map((r) => r.maxMs)),
    p99Ms: Math.max(...reports.map((r) => r.p99Ms)),
    p50Ms: Math.max(...reports.map((r) => r.p50Ms)),
    samples: reports.reduce((n, r) => n + r.samples, 0),
    gaps: reports
      .flatMap((r) => r.gaps ?? [])
      .sort((a, b) => b.gapMs - a.gapMs)
      .slice(0, 8),
    perProcess: reports,
  };
}

/**
 * A port free right now, for servers whose public URL must name their port: the OS picks
 * it, or, with BENCH_PORT_RANGE=3901-3999 (a shared machine where each person has a
 * range), the first free one in that range.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORT_RANGE ?? '');
  if (!range) return probePort(0);
  for (let port = Number(range[1]); port <= Number(range[2]); port++) {
    const free = await probePort(port).catch(() => null);
    if (free) return free;
  }
  throw new Error(`no free port in BENCH_PORT_RANGE ${process.env.BENCH_PORT_RANGE}`);
}

function probePort(wanted: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(wanted, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Servers started by this run; killed (by pid) if the run is interrupted. */
const running = new Set<ChildProcess>();
export function killStartedServers(): void {
  for (const child of running) child.kill('SIGKILL');
}
