import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnConcord } from './concord-process';

/**
 * A data folder as the first start of this run's code leaves it (migrations applied, the demo
 * seeded, the server closed cleanly), made once by the global setup and copied for each
 * browser or process suite's server. Creating a PGlite database is most of a server's start
 * (about 3 s of its 7 s here), and some thirty suites start one; the first start itself stays
 * covered by the suites that give their own folder, start through npm, or ask for `fresh`.
 *
 * Demo passwords are hashed at bcrypt cost 4 (CONCORD_BCRYPT_COST): signing in is what every
 * browser test does first, and the cost of a hash is not what these suites test.
 */
export async function makeDataTemplate(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-template-'));
  // Empty is unset to the server: PGlite, no Redis, the demo seeded, whatever the shell says.
  const server = await spawnConcord(
    { DATABASE_URL: '', REDIS_URL: '', CONCORD_SEED_DEMO: '', CONCORD_BCRYPT_COST: '4' },
    dir,
  );
  await server.stop();
  if (server.process.exitCode !== 0)
    throw new Error(`the template server did not close cleanly (exit ${server.process.exitCode}):\n${server.output()}`);
  return dir;
}

/** A copy of the template in a new folder of its own (modes kept: the data folder is private). */
export function copyDataTemplate(template: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-e2e-'));
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}
