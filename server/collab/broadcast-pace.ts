import { performance } from 'node:perf_hooks';

/**
 * How much longer than configured the rooms of this process wait between broadcasts while
 * its thread is saturated.
 *
 * A broadcast is one socket write per client: a thousand-client room at one broadcast every
 * 20 ms is 50,000 writes a second. When the thread is busy nearly all the time (a slower
 * machine, a busier one), those writes are what pushes it over: reading falls
 * behind, and every update then waits seconds instead of milliseconds. Merging more updates
 * into each broadcast costs a few tens of milliseconds of latency and gives the thread back.
 * So the wait stretches, step by step, while the thread's utilisation stays high, and
 * shrinks back to the configured wait once it has room again.
 */
export interface BroadcastPace {
  /** 1 = the configured wait; up to `maxStretch`. */
  readonly stretch: number;
  stop(): void;
}

export interface PaceBounds {
  maxStretch: number;
  /** Above this share of the time busy, stretch; below `idle`, shrink. */
  busy: number;
  idle: number;
  /** Factor of one step up (busy) and of one step down (idle). */
  grow: number;
  shrink: number;
  /** How often the thread's utilisation is sampled (ms). */
  sampleMs: number;
}

/**
 * Quick to stretch, slow to shrink: a saturated thread falls further behind with every
 * broadcast it cannot afford (at a session's start, the backlog of the seconds the pace
 * took to stretch took seconds more to clear), while a wait longer than needed costs only
 * some milliseconds of latency until the next samples bring it down.
 */
export const DEFAULT_PACE: Omit<PaceBounds, 'maxStretch'> = {
  busy: 0.85,
  idle: 0.75,
  grow: 1.5,
  shrink: 1.1,
  sampleMs: 100,
};

/** The next stretch after a sample of the thread's utilisation (0–1). */
export function nextStretch(current: number, utilization: number, bounds: PaceBounds): number {
  if (utilization > bounds.busy) return Math.min(bounds.maxStretch, current * bounds.grow);
  if (utilization < bounds.idle) return Math.max(1, current / bounds.shrink);
  return current;
}

/** No stretching (tests, and `CONCORD_COLLAB_BROADCAST_MAX_MS` equal to the wait). */
export const STEADY_PACE: BroadcastPace = { stretch: 1, stop() {} };

/** Samples the event loop's utilisation every `bounds.sampleMs` and stretches accordingly. */
export function eventLoopPace(bounds: PaceBounds): BroadcastPace {
  if (bounds.maxStretch <= 1) return STEADY_PACE;
  let stretch = 1;
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    stretch = nextStretch(stretch, performance.eventLoopUtilization(now, last).utilization, bounds);
    last = now;
  }, bounds.sampleMs);
  timer.unref();
  return {
    get stretch() {
      return stretch;
    },
    stop: () => clearInterval(timer),
  };
}
