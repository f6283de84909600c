// Loaded into a server under test with `node --import` (both Concord and the reference):
// measures how long its event loop was blocked, with monitorEventLoopDelay at 1 ms
// resolution, between a "reset" and a "report" sent by the orchestrator over IPC. The
// figures include the 1 ms sampling interval itself. Nothing happens without an IPC channel.
//
// A late event loop is not always the server's doing: on a 2-core machine shared with the
// load generators, the main thread may be ready to run and wait for a core. So the longest
// gaps are also taken apart (BENCH_LOOP_GAPS=0 turns this off): the main thread's own time
// on a CPU and its time waiting for one (Linux's /proc/<pid>/task/<pid>/schedstat, in ns),
// and the garbage collector's pauses within the gap (PerformanceObserver 'gc').
import { closeSync, openSync, readSync } from 'node:fs';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** Gaps longer than this are taken apart (and the longest GAPS_KEPT reported). */
const GAP_MS = 10;
const GAPS_KEPT = 8;
/** The ticker's period: a 1 ms ticker beside monitorEventLoopDelay's own costs the server CPU. */
const TICK_MS = 5;

if (process.send) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const gaps = process.env.BENCH_LOOP_GAPS === '0' ? null : gapRecorder();
  const ms = (ns) => ns / 1e6;
  process.on('message', (message) => {
    if (message?.type === 'loop:reset') {
      histogram.reset();
      gaps?.reset();
    } else if (message?.type === 'loop:report')
      process.send({
        type: 'loop:report',
        maxMs: ms(histogram.max),
        p99Ms: ms(histogram.percentile(99)),
        p50Ms: ms(histogram.percentile(50)),
        samples: histogram.count,
        ...(gaps ? { gaps: gaps.report() } : {}),
      });
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}

/** Reads the main thread's time on a CPU and waiting for one, in ms, or null off Linux. */
function schedClock() {
  let fd;
  try {
    fd = openSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'r');
  } catch {
    return null;
  }
  const buffer = Buffer.alloc(128);
  process.on('exit', () => closeSync(fd));
  return () => {
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const [run, wait] = buffer.toString('latin1', 0, n).split(' ');
    return { runMs: Number(run) / 1e6, waitMs: Number(wait) / 1e6 };
  };
}

function gapRecorder() {
  const sched = schedClock();
  /** GC pauses of the window over 1 ms: [start, duration] on performance.now()'s clock. */
  let pauses = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.duration >= 1 && pauses.length < 10_000) pauses.push([e.startTime, e.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  let kept = [];
  let last = performance.now();
  let lastSched = sched?.();
  const tick = setInterval(() => {
    const now = performance.now();
    const s = sched?.();
    const gap = now - last;
    if (gap > GAP_MS) {
      kept.push({
        at: last,
        gapMs: gap,
        runMs: s && lastSched ? s.runMs - lastSched.runMs : null,
        waitMs: s && lastSched ? s.waitMs - lastSched.waitMs : null,
      });
      if (kept.length > GAPS_KEPT * 4) kept = longest(kept);
    }
    last = now;
    lastSched = s;
  }, TICK_MS);
  tick.unref();
  const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    reset() {
      kept = [];
      pauses = [];
    },
    /** The longest gaps, each with the main thread's CPU and wait time and the GC pauses in it. */
    report() {
      return longest(kept).map((g) => ({
        gapMs: round(g.gapMs),
        runMs: round(g.runMs),
        waitMs: round(g.waitMs),
        gcMs: round(
          pauses.filter(([start]) => start >= g.at && start <= g.at + g.gapMs).reduce((sum, [, d]) => sum + d, 0),
        ),
      }));
    },
  };
}

function longest(gaps) {
  return [...gaps].sort((a, b) => b.gapMs - a.gapMs).slice(0, GAPS_KEPT);
}
