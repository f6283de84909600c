import { execFileSync } from 'node:child_process';
import os from 'node:os';

/**
 * BENCH_LOAD_NICE=N (1–19): the load generators run at nice N, so that when the two share
 * the cores with the server, the scheduler gives the server's threads a core first — closer
 * to clients on machines of their own than pinning, which leaves the server's own threads
 * one core between them. The default (unset) is what README's figures are.
 */
export function loadNice(): number | null {
  const raw = process.env.BENCH_LOAD_NICE;
  if (raw === undefined || raw === '' || raw === '0') return null;
  const n = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= 19)) throw new Error(`BENCH_LOAD_NICE must be an integer 1–19, got "${raw}"`);
  return n;
}

/** Lowers a load generator's priority when BENCH_LOAD_NICE is set (its threads made later inherit it). */
export function niceLoad(pid: number | undefined): void {
  const n = loadNice();
  if (n === null || pid === undefined) return;
  os.setPriority(pid, n);
}

/**
 * BENCH_PIN=1 (Linux, `taskset`): the server under test on the first core, the load
 * generators on the others, as if the clients were on machines of their own and the server
 * had a core to itself — its worker threads (update guard, state folder, PGlite) still share
 * that core with the relay. Without it (the default) everything shares every core, which is
 * what the README's figures are. Each process is pinned with all its threads (`-a`); threads
 * started later inherit the pinning.
 */
export type PinRole = 'server' | 'load';

export function pinningOn(): boolean {
  const raw = process.env.BENCH_PIN;
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (raw !== '1') throw new Error(`BENCH_PIN must be 1 or 0, got "${raw}"`);
  if (os.cpus().length < 2) throw new Error('BENCH_PIN=1 needs at least two cores');
  return true;
}

/** Pins `pid` to its role's cores when BENCH_PIN=1; fails loudly when asked and impossible. */
export function pinFor(role: PinRole, pid: number | undefined): void {
  if (!pinningOn() || pid === undefined) return;
  const last = os.cpus().length - 1;
  const cores = role === 'server' ? '0' : `1-${last}`;
  const failure = pinToCores(pid, cores);
  if (failure) throw new Error(`BENCH_PIN=1: could not pin process ${pid} to cores ${cores} (${failure})`);
}

/** Pins every thread of `pid` to `cores` ("0", "1-3") with taskset; the reason when it cannot. */
export function pinToCores(pid: number, cores: string): string | null {
  try {
    execFileSync('taskset', ['-a', '-cp', cores, String(pid)], { stdio: 'ignore' });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** A sentence for the report's machine description (pinning, priority), or null when neither is set. */
export function schedulingNote(): string | null {
  const notes: string[] = [];
  if (pinningOn()) {
    const last = os.cpus().length - 1;
    notes.push(
      `BENCH_PIN=1: the server under test pinned to core 0, the load generators to core${last > 1 ? `s 1–${last}` : ' 1'}.`,
    );
  }
  const nice = loadNice();
  if (nice !== null) notes.push(`BENCH_LOAD_NICE=${nice}: the load generators ran at nice ${nice}.`);
  return notes.length ? notes.join(' ') : null;
}
