// Loaded into a server under test with `node --import` (both Concord and the reference):
// measures how long its event loop was blocked, with monitorEventLoopDelay at 1 ms
// resolution, between a "reset" and a "report" sent by the orchestrator over IPC. The
// figures include the 1 ms sampling interval itself. Nothing happens without an IPC channel.
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const ms = (ns) => ns / 1e6;
  process.on('message', (message) => {
    if (message?.type === 'loop:reset') histogram.reset();
    else if (message?.type === 'loop:report')
      process.send({
        type: 'loop:report',
        maxMs: ms(histogram.max),
        p99Ms: ms(histogram.percentile(99)),
        p50Ms: ms(histogram.percentile(50)),
        samples: histogram.count,
      });
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}
