import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * PGlite lets exactly one process open a data folder; a second one would corrupt it. The
 * process that opens it (the server, or the CLI when no server runs) holds this lock file.
 * The server also writes where it listens and a secret, so the CLI can send its commands
 * to the running server instead of opening the folder itself.
 */
export interface DataDirLock {
  pid: number;
  holder: 'server' | 'cli';
  port: number | null;
  /** Shared with the CLI through the file system (mode 0600): proves local access. */
  secret: string;
  startedAt: string;
}

export const lockPath = (dataDir: string) => path.join(dataDir, 'concord.lock.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock of a live holder, or null when the folder is free (a stale lock is ignored). */
export function readLiveLock(dataDir: string): DataDirLock | null {
  try {
    const lock = JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as DataDirLock;
    return lock.pid !== process.pid && alive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string, holder: DataDirLock['holder'], port: number | null): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const existing = readLiveLock(dataDir);
  if (existing) {
    const where =
      existing.holder === 'server'
        ? `a Concord server (pid ${existing.pid}, port ${existing.port})`
        : `the Concord CLI (pid ${existing.pid})`;
    throw new Error(`The data folder ${dataDir} is in use by ${where}; only one process may open it.`);
  }
  const lock: DataDirLock = {
    pid: process.pid,
    holder,
    port,
    secret: randomBytes(24).toString('base64url'),
    startedAt: new Date().toISOString(),
  };
  fs.writeFileSync(lockPath(dataDir), JSON.stringify(lock), { mode: 0o600 });
  return lock;
}

export function updateDataDirLock(dataDir: string, lock: DataDirLock): void {
  fs.writeFileSync(lockPath(dataDir), JSON.stringify(lock), { mode: 0o600 });
}

export function releaseDataDirLock(dataDir: string): void {
  try {
    const lock = JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as DataDirLock;
    if (lock.pid === process.pid) fs.unlinkSync(lockPath(dataDir));
  } catch {
    // already gone
  }
}
