import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `node --import tsx bench/measure/loop-probe-check.ts`: checks that the event-loop probe
 * (loop-probe.mjs, loaded into every server under test) reports what really happened. A
 * child process with the probe blocks its own event loop for known times (busy-waiting
 * 5, 15, 25 and 60 ms, idle in between), then the orchestrator's reset/report exchange reads
 * the probe as B1 does. Passes when the longest block is reported as its length plus at
 * most the sampling interval and scheduling noise (+0…+5 ms), and a quiet window as quiet.
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

interface Report {
  type: string;
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  samples: number;
}

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
  const cases: { blocks: number[]; expectMax: number }[] = [
    { blocks: [], expectMax: 1 },
    { blocks: [5, 15, 25, 60], expectMax: 60 },
    { blocks: [19], expectMax: 19 },
    { blocks: [22], expectMax: 22 },
  ];
  let failed = 0;
  console.log(
    `load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ')} on ${os.cpus().length} cores\n`,
  );
  console.log('| blocked (ms) | probe max | probe p99 | samples | verdict |\n|---|---:|---:|---:|---|');
  for (const c of cases) {
    await new Promise((r) => setTimeout(r, 200));
    child.send({ type: 'loop:reset' });
    const ran = next('ran');
    child.send({ type: 'run', blocks: c.blocks });
    await ran;
    const report = next('loop:report');
    child.send({ type: 'loop:report' });
    const r = await report;
    const ok = r.maxMs >= c.expectMax && r.maxMs <= c.expectMax + 5;
    if (!ok) failed++;
    console.log(
      `| ${c.blocks.join(', ') || 'none (idle)'} | ${r.maxMs.toFixed(1)} ms | ${r.p99Ms.toFixed(1)} ms | ${r.samples} | ${ok ? 'ok' : `WRONG (expected ${c.expectMax}–${c.expectMax + 5} ms)`} |`,
    );
  }
  child.kill();
  if (failed) {
    console.log(`\n${failed} case(s) off: on a busy machine scheduling delays add to every figure; run again.`);
    process.exitCode = 1;
  }
}

await main();
