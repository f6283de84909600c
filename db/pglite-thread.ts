import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The main thread's side of PGlite-in-a-worker (db/pglite-worker.mjs): an object with the
 * two methods drizzle's PGlite session calls, `query` and `transaction`, each a message to
 * the worker. Drizzle's own PGlite driver runs on top of it unchanged, so queries, results
 * and errors are exactly those of an in-thread PGlite.
 *
 * A transaction holds PGlite's transaction lock in the worker from BEGIN to COMMIT: other
 * queries wait there, as they would in-thread. The worker keeps the process alive only
 * while a request is outstanding, like a socket with a pending read.
 */
export interface PgliteQueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}

export interface PgliteLikeClient {
  query(sql: string, params?: unknown[], options?: PgliteQueryOptions): Promise<unknown>;
}

export interface PgliteThread extends PgliteLikeClient {
  transaction<T>(fn: (tx: PgliteLikeClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: Record<string, unknown> & { message: string; name: string };
}

// A plain path, not `new URL(…, import.meta.url)` inside `new Worker`: Next bundles this
// module into route handlers (which never open a database) and must not try to bundle the worker.
const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pglite-worker.mjs');

/** Drizzle's PGlite session passes parsers that keep dates and intervals as text; the worker applies the same. */
function rawTypes(parsers: PgliteQueryOptions['parsers']): number[] | undefined {
  if (!parsers) return undefined;
  return Object.entries(parsers).map(([oid, parse]) => {
    if (parse('2000-01-01 00:00:00', Number(oid)) !== '2000-01-01 00:00:00')
      throw new Error(
        `PGlite worker: the parser for type ${oid} is not the identity; only identity parsers cross threads`,
      );
    return Number(oid);
  });
}

function rebuildError(error: NonNullable<Reply['error']>): Error {
  const e = new Error(error.message);
  Object.assign(e, error);
  e.name = error.name;
  return e;
}

/**
 * `fromDump`: an in-memory database starts as the data folder dumped in this file (PGlite's
 * `dumpDataDir`, uncompressed) instead of an empty cluster.
 */
export async function startPgliteThread(dataDir: string | undefined, fromDump?: string): Promise<PgliteThread> {
  const worker = new Worker(workerFile, { workerData: { dataDir, fromDump } });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let nextTransaction = 1;
  let stopped: Error | null = null;

  worker.unref();
  worker.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if (reply.ok) w.resolve(reply.result);
    else w.reject(rebuildError(reply.error!));
  });
  const stop = (reason: Error) => {
    stopped = reason;
    for (const w of waiting.values()) w.reject(reason);
    waiting.clear();
  };
  worker.on('error', (e) => stop(new Error(`the PGlite worker failed: ${e.message}`, { cause: e })));
  worker.on('exit', (code) => stop(new Error(`the PGlite worker stopped (exit code ${code})`)));

  const request = <T>(message: Record<string, unknown>): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, ...message });
    });
  };

  const query = (tx: number | undefined) => (sql: string, params?: unknown[], options?: PgliteQueryOptions) =>
    request({
      op: 'query',
      tx,
      sql,
      params: params ?? [],
      rowMode: options?.rowMode,
      keepRaw: rawTypes(options?.parsers),
    });

  try {
    await request({ op: 'ready' });
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  return {
    query: query(undefined),
    async transaction(fn) {
      // The first statements follow BEGIN without waiting for its answer (the worker holds
      // them until the transaction is open): one round trip fewer per transaction.
      const tx = nextTransaction++;
      const opened = request<number>({ op: 'begin', tx });
      opened.catch(() => {}); // a failed BEGIN fails the statements behind it, and is thrown below
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn({ query: query(tx) });
        await opened;
      } catch (e) {
        await request({ op: 'rollback', tx }).catch(() => {});
        throw e;
      }
      await request({ op: 'commit', tx });
      return result;
    },
    async close() {
      if (!stopped) await request({ op: 'close' });
      await worker.terminate();
    },
  };
}
