import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * CPU and memory of server processes, read from /proc (Linux) by sampling, so the servers
 * need no instrumentation and the reference runs unmodified. CPU is % of one core (200 %
 * = both cores of a 2-core machine); memory is resident set size.
 */
let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // getconf missing: 100 is the Linux default.
}

/** utime + stime of a process, in seconds; null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** Resident and peak-resident memory in MiB; null when it is gone. */
export function memoryMiB(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

export interface UsageSummary {
  /** Mean CPU over the window, summed over the processes (% of one core). */
  cpuPercent: number;
  /** Highest sampled CPU over any sampling interval. */
  cpuPercentMaxSample: number;
  /** Highest resident memory sampled in the window, summed over the processes. */
  peakRssMiB: number;
  /** Kernel-recorded lifetime peak (VmHWM), summed: includes anything before the window. */
  lifetimePeakRssMiB: number;
  samples: number;
}

/** Samples a set of processes every `intervalMs` between start() and stop(). */
export class ProcessSampler {
  private timer: NodeJS.Timeout | null = null;
  private startCpu = 0;
  private startAt = 0;
  private lastCpu = 0;
  private lastAt = 0;
  private maxSample = 0;
  private peakRss = 0;
  private samples = 0;

  constructor(
    private pids: number[],
    private intervalMs = 250,
  ) {}

  private totalCpu(): number {
    return this.pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
  }

  start(): this {
    this.startCpu = this.lastCpu = this.totalCpu();
    this.startAt = this.lastAt = performance.now();
    this.maxSample = this.peakRss = this.samples = 0;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.sample();
    return this;
  }

  private sample(): void {
    const cpu = this.totalCpu();
    const at = performance.now();
    if (at > this.lastAt)
      this.maxSample = Math.max(this.maxSample, ((cpu - this.lastCpu) / ((at - this.lastAt) / 1000)) * 100);
    this.lastCpu = cpu;
    this.lastAt = at;
    const rss = this.pids.reduce((sum, pid) => sum + (memoryMiB(pid)?.rss ?? 0), 0);
    this.peakRss = Math.max(this.peakRss, rss);
    this.samples++;
  }

  stop(): UsageSummary {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const seconds = (performance.now() - this.startAt) / 1000;
    return {
      cpuPercent: seconds > 0 ? ((this.totalCpu() - this.startCpu) / seconds) * 100 : 0,
      cpuPercentMaxSample: this.maxSample,
      peakRssMiB: this.peakRss,
      lifetimePeakRssMiB: this.pids.reduce((sum, pid) => sum + (memoryMiB(pid)?.peak ?? 0), 0),
      samples: this.samples,
    };
  }
}
