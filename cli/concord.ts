/**
 * `npm run concord -- <command>`: administration from a shell. The commands themselves are
 * in cli/commands.ts; this file decides where they run:
 *
 * - DATABASE_URL set: on PostgreSQL directly (any number of processes may connect).
 * - else a Concord server holds the PGlite data folder: the command is sent to it
 *   (server/cli-bridge.ts), because PGlite allows one process per folder;
 * - else the CLI takes the folder's lock itself, runs, and gives it back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDirFromEnv, openDatabase, type Database } from '../db/client';
import { acquireDataDirLock, readLiveLock, releaseDataDirLock, type DataDirLock } from '../db/data-dir-lock';
import { describeTightened, secureDataFolder } from '../db/data-folder';
import { FOREIGN_CHAIN_WARNING, keyAuditChain } from '../db/commands/audit-recorder';
import { MAX_IMPORT_BYTES } from '../lib/resolution/import-source';
import { DomainError } from '../lib/errors';
import { CLI_BRIDGE_PATH, CLI_SECRET_HEADER, type CliBridgeResponse } from '../server/cli-bridge';
import { EventBus } from '../usecases/kernel/event-bus';
import { installUseCaseRuntime } from '../usecases/kernel/runtime';
import { outsidePublisher } from '../server/events/outside-events';
import { EXIT_FAILED, planCliCommand, runCliCommand, type CliIo } from './commands';

/**
 * A reader that stops early (`| head`) closes the pipe: the command still finishes what it
 * was doing (an import half done is worse than output unread), and only its output stops.
 */
const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed.add(stream);
  });
}
const writeLine = (stream: NodeJS.WriteStream, line: string) => {
  if (!closed.has(stream)) stream.write(`${line}\n`);
};
const out = (line: string) => writeLine(process.stdout, line);
const err = (line: string) => writeLine(process.stderr, line);

/** How long to wait for a starting server to publish its port before giving up. */
const SERVER_START_WAIT_MS = 15_000;
/** Imports of large .docx files take a while in the server; a dead one must not hang us. */
const BRIDGE_TIMEOUT_MS = 5 * 60_000;

/** Reads a file named on the command line, refusing over-large ones before reading them. */
function readInputFile(file: string): Uint8Array {
  const size = fs.statSync(file).size;
  if (size > MAX_IMPORT_BYTES) {
    throw new DomainError(
      'too_large:import',
      `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
    );
  }
  return new Uint8Array(fs.readFileSync(file));
}

/** --verbose is global (any position before "--"); the commands never see it. */
function splitVerbose(argv: string[]): { verbose: boolean; argv: string[] } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const tail = end < 0 ? [] : argv.slice(end);
  return { verbose: head.includes('--verbose'), argv: [...head.filter((a) => a !== '--verbose'), ...tail] };
}

async function main(): Promise<number> {
  const { verbose, argv } = splitVerbose(process.argv.slice(2));
  const plan = planCliCommand(argv);
  if (plan.kind === 'done') {
    plan.out.forEach(out);
    plan.err.forEach(err);
    return plan.code;
  }
  if (process.env.DATABASE_URL) {
    const database = await openDatabase({ url: process.env.DATABASE_URL });
    if (verbose) err(`concord: running on PostgreSQL (${database.location})`);
    // Servers may be running beside us: what we revoke or change must reach their sockets now.
    const publisher = outsidePublisher(database, {
      redisUrl: process.env.REDIS_URL || null,
      warn: (m) => err(`concord: warning: ${m}`),
    });
    const bus = new EventBus((e) => err(`concord: warning: ${e instanceof Error ? e.message : e}`));
    bus.subscribe(publisher.subscriber);
    installUseCaseRuntime({ text: null, bus });
    return runOn(database, argv, () => publisher.close());
  }
  const dataDir = dataDirFromEnv();
  const server = await runningServer(dataDir);
  if (server) return runInServer(server, argv, plan.files, verbose);
  return runOnDataFolder(dataDir, argv, verbose);
}

/** The lock of a live server that listens, waiting a little for one that is still starting. */
async function runningServer(dataDir: string): Promise<DataDirLock | null> {
  const deadline = Date.now() + SERVER_START_WAIT_MS;
  for (;;) {
    const lock = readLiveLock(dataDir);
    if (lock?.holder !== 'server') return null;
    if (lock.port) return lock;
    if (Date.now() > deadline) return null; // acquireDataDirLock then says who holds the folder
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function runOn(database: Database, argv: string[], beforeClose?: () => Promise<void>): Promise<number> {
  try {
    // As the server does at start: a chain from before the key gets its first keyed entry.
    if ((await keyAuditChain(database.db)) === 'foreign') err(`concord: warning: ${FOREIGN_CHAIN_WARNING}`);
    const io: CliIo = { db: database.db, out, err, readFile: readInputFile };
    return await runCliCommand(argv, io);
  } finally {
    await beforeClose?.();
    await database.close();
  }
}

async function runOnDataFolder(dataDir: string, argv: string[], verbose: boolean): Promise<number> {
  try {
    const tightened = describeTightened(dataDir, secureDataFolder(dataDir));
    if (tightened) err(`concord: ${tightened}`);
    acquireDataDirLock(dataDir, 'cli', null);
  } catch (e) {
    err(`error: ${(e as Error).message}`);
    return EXIT_FAILED;
  }
  // The lock must go whatever happens: normal end, an exception, or Ctrl-C.
  let database: Database | null = null;
  const release = () => releaseDataDirLock(dataDir);
  const interrupted = (signal: NodeJS.Signals) => {
    err(`concord: ${signal}, closing the data folder`);
    const closing = database ? database.close() : Promise.resolve();
    // Closing PGlite flushes its files; do not wait forever for a stuck query.
    void Promise.race([closing, new Promise((r) => setTimeout(r, 3000))]).finally(() => {
      release();
      process.exit(130);
    });
  };
  process.on('exit', release);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const folder = path.join(dataDir, 'pglite');
    database = await openDatabase({ dataDir: folder });
    if (verbose) err(`concord: running on the data folder ${folder} (PGlite; no server is running)`);
    return await runOn(database, argv);
  } finally {
    release();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

async function runInServer(lock: DataDirLock, argv: string[], files: string[], verbose: boolean): Promise<number> {
  const sent: Record<string, string> = {};
  for (const file of files) {
    try {
      sent[file] = Buffer.from(readInputFile(file)).toString('base64');
    } catch (e) {
      const reason =
        e instanceof DomainError
          ? e.message
          : (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? `Cannot read ${file}: no such file.`
            : `Cannot read ${file}: ${(e as Error).message}`;
      err(`error: ${reason}`);
      return EXIT_FAILED;
    }
  }
  if (verbose)
    err(`concord: running in the Concord server on port ${lock.port} (pid ${lock.pid}), which holds the data folder`);
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${lock.port}${CLI_BRIDGE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLI_SECRET_HEADER]: lock.secret },
      body: JSON.stringify({ argv, files: sent }),
      signal: AbortSignal.timeout(BRIDGE_TIMEOUT_MS),
    });
  } catch (e) {
    err(
      `error: the Concord server (pid ${lock.pid}) holds the data folder but did not answer on port ${lock.port}: ${(e as Error).message}`,
    );
    return EXIT_FAILED;
  }
  const body = (await response.json().catch(() => null)) as (Partial<CliBridgeResponse> & { error?: string }) | null;
  if (response.status === 403) {
    err(
      'error: the running Concord server refused the command: the secret in the lock file does not match (is it another server?).',
    );
    return EXIT_FAILED;
  }
  if (!body || !Array.isArray(body.out) || !Array.isArray(body.err) || typeof body.code !== 'number') {
    err(`error: the Concord server answered ${response.status}${body?.error ? `: ${body.error}` : ''}`);
    return EXIT_FAILED;
  }
  body.out.forEach(out);
  body.err.forEach(err);
  return body.code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    err(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = EXIT_FAILED;
  },
);
