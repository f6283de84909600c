/**
 * How long a server takes to start and what CPU it spends on it, from its bundle (what
 * `npm start` runs: server/launch.mjs) beside the same server through the TypeScript loader
 * (what it ran before), alternated so both see the same machine. Each start gets a fresh
 * copy of one seeded data folder and the built web app (CONCORD_SKIP_BUILD=1), and is
 * timed from the spawn to its "ready on" line; its CPU time, every thread's, is read from
 * /proc at that moment. Printed, not asserted.
 *
 *   node --import tsx bench/measure/server-start.ts [rounds] [--json out.json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_ARGS, spawnConcord } from '../../tests/helpers/concord-process';
import { median } from '../load/stats';
import { cpuSeconds } from './process-usage';

const root = path.resolve(import.meta.dirname, '../..');
const rounds = Math.max(1, Math.min(20, Number(process.argv[2] ?? 5) || 5));
const jsonAt = process.argv.indexOf('--json');
const jsonOut = jsonAt > 0 ? process.argv[jsonAt + 1] : undefined;
if (jsonAt > 0 && (!jsonOut || jsonOut.startsWith('--'))) {
  console.error('--json needs a file to write the results to');
  process.exit(2);
}

const ways: Record<string, string[]> = {
  bundle: SERVER_ARGS,
  'TypeScript loader': ['--import', 'tsx', 'server/start.ts'],
};

async function start(nodeArgs: string[], template: string): Promise<{ readyMs: number; cpuS: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-server-start-'));
  fs.cpSync(template, dataDir, { recursive: true });
  try {
    const started = performance.now();
    const server = await spawnConcord({}, dataDir, { nodeArgs });
    const readyMs = performance.now() - started;
    const cpuS = cpuSeconds(server.process.pid!);
    if (cpuS === null) throw new Error('the server exited right after "ready"');
    const result = { readyMs, cpuS };
    await server.stop();
    return result;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('build the web app first (npx next build)');
  // One seeded folder, made by a first start from the bundle (which also builds it if stale).
  const template = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-server-template-'));
  const results: Record<string, { readyMs: number; cpuS: number }[]> = { bundle: [], 'TypeScript loader': [] };
  try {
    await (await spawnConcord({}, template)).stop();
    for (let i = 0; i < rounds; i++)
      for (const [name, nodeArgs] of Object.entries(ways)) results[name].push(await start(nodeArgs, template));
  } finally {
    fs.rmSync(template, { recursive: true, force: true });
  }
  for (const [name, runs] of Object.entries(results)) {
    const ready = runs.map((r) => r.readyMs);
    const cpu = runs.map((r) => r.cpuS);
    console.log(
      `${name}: ready after ${median(ready).toFixed(0)} ms median (${Math.min(...ready).toFixed(0)}–${Math.max(...ready).toFixed(0)}), CPU ${median(cpu).toFixed(2)} s median (${Math.min(...cpu).toFixed(2)}–${Math.max(...cpu).toFixed(2)}), ${rounds} starts`,
    );
  }
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(`load average ${load.join(' / ')}`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ rounds, loadAverage: os.loadavg(), results }, null, 2));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
