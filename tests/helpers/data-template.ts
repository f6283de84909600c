import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    CONCORD_DATA_DIR: dir,
    NODE_ENV: 'production',
    CONCORD_SKIP_BUILD: '1',
    CONCORD_BCRYPT_COST: '4',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.CONCORD_SEED_DEMO;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the template server did not start:\n${out}`)), 120_000);
    child.stdout!.on('data', () => {
      if (out.includes('ready on http://localhost:')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the template server exited with ${code}:\n${out}`));
    });
  });
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`the template server did not close cleanly (exit ${code}):\n${out}`);
  return dir;
}

/** A copy of the template in a new folder of its own (modes kept: the data folder is private). */
export function copyDataTemplate(template: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-e2e-'));
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}
