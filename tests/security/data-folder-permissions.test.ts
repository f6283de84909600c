import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiToken, signInCookie } from '../collab/clients';
import { startConcord } from '../e2e/harness';
import { projectRoot } from '../ops/processes';

/**
 * Issue 11, "Secrets stay secret at rest": the data folder holds the database with the
 * session-signing secret, the audit key and the CLI's secret. Another account on the host
 * must not read any of it: folders 0700, files 0600, on a fresh start (with the usual umask
 * 022 of a shell) and after an older, looser folder is reopened.
 */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-perm-'));
  made.push(dir);
  return dir;
}

/** Every entry under `dir` (itself included) that group or others may read, write or enter. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) found.push(`${path.relative(dir, p) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return found;
}

function countEntries(dir: string): number {
  let n = 0;
  const walk = (p: string) => {
    n++;
    if (fs.lstatSync(p).isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return n;
}

describe('the data folder', () => {
  it('is created for the server user only on a fresh start, database files included', {
    timeout: 180_000,
  }, async () => {
    const dataDir = path.join(scratch(), 'data'); // does not exist yet: the server creates it
    const server = await startConcord({}, dataDir);
    try {
      // Writes while running: a session, a token (its hash), pages of the write-ahead log.
      const cookie = await signInCookie(server.url, 'chair@example.org');
      await apiToken(server.url, cookie);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await server.stop();
    }
    // After the database is closed (checkpoint, files written on close) too.
    expect(countEntries(dataDir)).toBeGreaterThan(20);
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('is tightened when an older, world-readable one is opened, with a log line saying so', {
    timeout: 180_000,
  }, async () => {
    const dataDir = path.join(scratch(), 'data');
    const first = await startConcord({}, dataDir);
    await first.stop();
    // What an older Concord left: folders 0755, files 0644 (and one 0666).
    const loosen = (p: string) => {
      const stat = fs.lstatSync(p);
      fs.chmodSync(p, stat.isDirectory() ? 0o755 : 0o644);
      if (stat.isDirectory()) for (const name of fs.readdirSync(p)) loosen(path.join(p, name));
    };
    loosen(dataDir);
    const planted = path.join(dataDir, 'pglite', 'notes.txt');
    fs.writeFileSync(planted, 'x');
    fs.chmodSync(planted, 0o666);
    expect(openToOthers(dataDir).length).toBeGreaterThan(20);

    const second = await startConcord({}, dataDir);
    try {
      expect(openToOthers(dataDir)).toEqual([]);
      expect(second.output()).toMatch(/data folder .* was readable by other accounts: tightened \d+ entries/);
    } finally {
      await second.stop();
    }
  });

  it('is created owner-only by the CLI when no server runs', { timeout: 120_000 }, () => {
    const dataDir = path.join(scratch(), 'data');
    const run = spawnSync(process.execPath, ['cli/launch.mjs', 'audit', 'verify'], {
      cwd: projectRoot,
      env: { ...process.env, CONCORD_DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(countEntries(dataDir)).toBeGreaterThan(20);
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
