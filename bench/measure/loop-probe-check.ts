import { fork, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinToCores } from '../load/pin';

/**
 * `node --import tsx bench/measure/loop-probe-check.ts`: checks that the event-loop probe
 * (loop-probe.mjs, loaded into every server under test) reports what really happened. A
 * child process with the probe blocks its own event loop for known times (busy-waiting
 * 5, 15, 25 and 60 ms, idle in between), then the orchestrator's reset/report exchange reads
 * the probe as B1 does. Passes when the longest block is reported as its length plus at
 * most the sampling interval and scheduling noise (+0…+5 ms), and a quiet window as quiet.
 *
 * The longest gap's split is checked too (Linux): on its own, a block is time on a CPU; with
 * the child and a busy competitor pinned to one core (`taskset`), the same block (busy-waiting
 * for wall time) is about half waiting for that core, and the split must say so.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = `
process.channel?.ref(); // the probe unrefs it; this child lives for its IPC
const busy = (ms) => { const end = performance.now() + ms; while (performance.now() < end); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
process.on('message', async (m) => {
  if (m?.type !== 'run') return;
  await sleep(50);
  for (const ms of m.blocks) { busy(ms); await sleep(50); }
  process.send({ type: 'ran' });
});
`;

interface Gap {
  gapMs: number;
  runMs: number | null;
  waitMs: number | null;
  gcMs: number;
}

interface Report {
  type: string;
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  samples: number;
  gaps?: Gap[];
}

/**
 * The kernel brings a running thread's CPU time up to date at its scheduler ticks (4 ms at
 * 250 Hz), so a reading taken by the thread itself may lag by up to a tick.
 */
const TICK_SLACK_MS = 5;

/** Pins a process to the first core (false where taskset is missing). */
const pin = (pid: number) => pinToCores(pid, '0') === null;

async function main() {
  const child = fork('-e', [CHILD], {
    execArgv: ['--import', path.join(here, 'loop-probe.mjs'), '--input-type=module'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<Report>((resolve) => {
      const on = (m: Report) => {
        if (m?.type !== type) return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
    });
  const cases: { blocks: number[]; expectMax: number; contended?: boolean }[] = [
    { blocks: [], expectMax: 1 },
    { blocks: [5, 15, 25, 60], expectMax: 60 },
    { blocks: [19], expectMax: 19 },
    { blocks: [22], expectMax: 22 },
    { blocks: [60], expectMax: 60, contended: true },
  ];
  let failed = 0;
  console.log(
    `load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ')} on ${os.cpus().length} cores\n`,
  );
  console.log(
    '| blocked (ms) | probe max | probe p99 | samples | longest gap: cpu + wait | verdict |\n|---|---:|---:|---:|---|---|',
  );
  for (const c of cases) {
    // A competitor for the child's one core: the block then takes about twice as long.
    let competitor: ReturnType<typeof spawn> | null = null;
    if (c.contended) {
      if (!pin(child.pid!)) {
        console.log('| 60, sharing one core | – | – | – | – | skipped: no taskset |');
        continue;
      }
      competitor = spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' });
      pin(competitor.pid!);
    }
    await new Promise((r) => setTimeout(r, 200));
    child.send({ type: 'loop:reset' });
    const ran = next('ran');
    child.send({ type: 'run', blocks: c.blocks });
    await ran;
    const report = next('loop:report');
    child.send({ type: 'loop:report' });
    const r = await report;
    competitor?.kill();
    const gap = r.gaps?.[0];
    const split = gap && gap.runMs !== null ? `${gap.gapMs} = ${gap.runMs} + ${gap.waitMs}` : 'none';
    let verdict: string;
    if (c.contended) {
      // The block is busy-waiting for wall time: sharing one core with a busy loop, about
      // half of it is spent waiting for the core, and the split must say so.
      verdict =
        gap && gap.runMs !== null && gap.waitMs !== null
          ? gap.waitMs >= c.expectMax / 3 && gap.runMs <= (c.expectMax * 2) / 3 + TICK_SLACK_MS
            ? 'ok'
            : `WRONG (expected at least ${c.expectMax / 3} ms waiting for the core)`
          : 'WRONG (no gap taken apart)';
    } else {
      const maxOk = r.maxMs >= c.expectMax && r.maxMs <= c.expectMax + 5;
      const splitOk = c.expectMax < 10 || !gap || gap.runMs === null || gap.runMs >= c.expectMax - TICK_SLACK_MS;
      verdict = maxOk
        ? splitOk
          ? 'ok'
          : `WRONG (the gap's CPU time should be about ${c.expectMax} ms)`
        : `WRONG (expected ${c.expectMax}–${c.expectMax + 5} ms)`;
    }
    if (verdict !== 'ok') failed++;
    console.log(
      `| ${c.blocks.join(', ') || 'none (idle)'}${c.contended ? ', sharing one core' : ''} | ${r.maxMs.toFixed(1)} ms | ${r.p99Ms.toFixed(1)} ms | ${r.samples} | ${split} | ${verdict} |`,
    );
  }
  child.kill();
  if (failed) {
    console.log(`\n${failed} case(s) off: on a busy machine scheduling delays add to every figure; run again.`);
    process.exitCode = 1;
  }
}

await main();
