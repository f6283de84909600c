/**
 * One clock for every process of a run. process.hrtime reads CLOCK_MONOTONIC, which is
 * system-wide on Linux, so a timestamp taken in one load process can be subtracted from one
 * taken in another. The orchestrator fixes the epoch (whole seconds) and hands it down in
 * BENCH_CLOCK_EPOCH, which keeps the numbers small enough for exact doubles.
 */
const epochSeconds = Number(process.env.BENCH_CLOCK_EPOCH ?? process.hrtime()[0]);
process.env.BENCH_CLOCK_EPOCH = String(epochSeconds);

/** Microseconds since the run's epoch, on the shared monotonic clock. */
export function nowUs(): number {
  const [s, ns] = process.hrtime();
  return (s - epochSeconds) * 1e6 + ns / 1e3;
}

export const nowMs = () => nowUs() / 1e3;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
