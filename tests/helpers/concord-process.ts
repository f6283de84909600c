import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** What `npm start` runs after npm (package.json): the server from its bundle. */
export const SERVER_ARGS = ['server/launch.mjs'];

/**
 * A Concord server process started by a test (no vitest in here: the global setup and the
 * benchmarks use it too).
 */
export interface RunningConcord {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  /** Run `npm start` itself (npm's pid is then `process`), not the server script directly. */
  npm?: boolean;
  /** How long to wait for "ready" (a start that builds first needs minutes). */
  timeoutMs?: number;
  /** Node's arguments instead of SERVER_ARGS: another way of starting, to compare with. */
  nodeArgs?: string[];
}

/**
 * Starts Concord the way a user does (`npm start` = node server/launch.mjs) on a
 * free port with `dir` as its data folder, and waits for "ready on http://localhost:<port>".
 */
export async function spawnConcord(
  env: Record<string, string>,
  dir: string,
  options: SpawnOptions = {},
): Promise<RunningConcord> {
  // The server script itself by default, so a SIGKILL (the durability tests) reaches the server.
  const [command, args] = options.npm
    ? ['npm', ['start', '--silent']]
    : [process.execPath, options.nodeArgs ?? SERVER_ARGS];
  const child = spawn(command, args, {
    cwd: root,
    // The global setup built the app once; servers never rebuild it mid-run.
    env: { ...process.env, PORT: '0', CONCORD_DATA_DIR: dir, NODE_ENV: 'production', CONCORD_SKIP_BUILD: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // CONCORD_E2E_SERVER_LOG=<folder>: each server's output kept in a file, for a failure's story.
  if (process.env.CONCORD_E2E_SERVER_LOG) {
    fs.mkdirSync(process.env.CONCORD_E2E_SERVER_LOG, { recursive: true });
    const log = fs.createWriteStream(path.join(process.env.CONCORD_E2E_SERVER_LOG, `server-${child.pid}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left running on a folder its caller will remove
      reject(new Error(`Concord did not start in time:\n${out}`));
    }, options.timeoutMs ?? 120_000);
    const check = () => {
      const m = /ready on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Concord exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://localhost:${port}`,
    port,
    dataDir: dir,
    process: child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // A server that does not shut down is a finding, not a reason to hang the suite:
        // say so with its last words, then kill it.
        const deadline = setTimeout(() => {
          console.error(
            `Concord (pid ${child.pid}) did not exit ${STOP_GRACE_MS / 1000} s after ${signal}; killing it. Its last output:\n${out.slice(-3000)}`,
          );
          child.kill('SIGKILL');
        }, STOP_GRACE_MS);
        child.once('exit', () => {
          clearTimeout(deadline);
          resolve();
        });
        child.kill(signal);
      }),
  };
}

/** How long a stopping server may take to close its connections and store what it holds. */
const STOP_GRACE_MS = 30_000;
