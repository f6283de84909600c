/**
 * How long one CLI command takes from the shell, the launcher's bundle (what
 * `npm run concord` runs) beside the same command through the TypeScript loader (what it ran
 * before), alternated so both see the same machine. Wall time of the whole process,
 * printed, not asserted.
 *
 *   node --import tsx bench/measure/cli-start.ts [rounds]
 *
 * Commands: `--help` (start-up alone) and `user list` on a seeded data folder of its own
 * (start-up, opening PGlite, one query). npm's own start (about 0.3 s) is left out of both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '../..');
const rounds = Math.max(1, Math.min(50, Number(process.argv[2] ?? 5) || 5));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-start-'));
const env: NodeJS.ProcessEnv = { ...process.env, CONCORD_DATA_DIR: dataDir, CONCORD_BCRYPT_COST: '4' };
delete env.DATABASE_URL;

const ways = {
  bundle: ['cli/launch.mjs'],
  'TypeScript loader': ['--import', 'tsx', 'cli/concord.ts'],
} as const;

function run(way: readonly string[], args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [...way, ...args], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${[...way, ...args].join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - started;
}

try {
  run(ways.bundle, ['demo', 'seed']); // also builds the bundle if it is stale
  run(ways['TypeScript loader'], ['--help']); // fills the loader's own cache
  for (const args of [['--help'], ['user', 'list']]) {
    const times: Record<string, number[]> = { bundle: [], 'TypeScript loader': [] };
    for (let i = 0; i < rounds; i++) for (const [name, way] of Object.entries(ways)) times[name].push(run(way, args));
    const line = Object.entries(times)
      .map(([name, t]) => {
        const sorted = [...t].sort((a, b) => a - b);
        return `${name} median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (${sorted[0].toFixed(0)}–${sorted.at(-1)!.toFixed(0)})`;
      })
      .join('; ');
    console.log(`concord ${args.join(' ')}, ${rounds} rounds: ${line}`);
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
