import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { SERVER_ARGS } from '../helpers/concord-process';
import { postgresUrl } from '../helpers/services';

const root = path.resolve(import.meta.dirname, '..', '..');

/** An empty PostgreSQL database of the test's own (Concord creates its tables), and its removal. */
export async function emptyDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `concord_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(postgresUrl()!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl()!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const cleanup = postgres(postgresUrl()!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Runs the server (as `npm start` does) expecting it to give up: its exit code and everything it said. */
export function startExpectingFailure(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-fail-'));
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: root,
    env: { ...process.env, PORT: '0', CONCORD_DATA_DIR: dir, NODE_ENV: 'production', CONCORD_SKIP_BUILD: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: null, output: `${output}\n(still running after ${timeoutMs} ms)` });
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

export const projectRoot = root;
