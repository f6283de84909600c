import fs from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * The data folder holds what must stay secret from every other account on the host: the
 * PGlite database (session-signing secret, tokens' hashes, the record), the audit key and
 * the CLI bridge's secret. It and everything in it belong to the server's user only
 * (folders 0700, files 0600), whatever the umask of the shell that started the server.
 *
 * The umask is process-wide: set here, it also applies to the files PGlite's worker thread
 * creates later (write-ahead log segments, new relations), which cannot set one themselves.
 */
export const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_UMASK = 0o077;

export interface TightenedEntry {
  path: string;
  /** The mode it had, e.g. "0755". */
  was: string;
}

/**
 * Creates the folder for the owner only, or tightens an existing looser one and everything
 * under it. Returns what it had to tighten, for the caller to log: a folder that was open to
 * others may already have been read, and the operator should know.
 */
export function secureDataFolder(dir: string): TightenedEntry[] {
  restrictUmask();
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const tightened: TightenedEntry[] = [];
  tighten(dir, tightened);
  return tightened;
}

/** New files of this process are created for its user only. */
export function restrictUmask(): void {
  // Workers cannot change the umask (it is the process's); the main thread sets it for them.
  if (!isMainThread) return;
  const previous = process.umask(PRIVATE_UMASK);
  if ((previous | PRIVATE_UMASK) !== previous) process.umask(previous | PRIVATE_UMASK);
}

function tighten(entry: string, out: TightenedEntry[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(entry);
  } catch {
    return; // removed meanwhile
  }
  if (stat.isSymbolicLink()) return; // chmod would follow it out of the folder
  const mode = stat.mode & 0o777;
  // Only the group and other bits are taken away; the owner keeps what it had.
  if (mode & 0o077) {
    fs.chmodSync(entry, mode & 0o700);
    out.push({ path: entry, was: `0${mode.toString(8)}` });
  }
  if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) tighten(path.join(entry, name), out);
}

/** One log line for what `secureDataFolder` tightened (the count, and a few examples). */
export function describeTightened(dir: string, tightened: TightenedEntry[]): string | null {
  if (tightened.length === 0) return null;
  const examples = tightened
    .slice(0, 3)
    .map((t) => `${path.relative(dir, t.path) || '.'} was ${t.was}`)
    .join(', ');
  return `the data folder ${dir} was readable by other accounts: tightened ${tightened.length} entr${tightened.length === 1 ? 'y' : 'ies'} to owner-only (${examples}${tightened.length > 3 ? ', …' : ''}); anything in it may have been read, consider rotating NEXTAUTH_SECRET and API tokens`;
}
