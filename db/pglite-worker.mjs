// PGlite runs in this worker thread so that its work — planning and executing queries,
// encoding parameters (a 1 MB snapshot's bytes), writing files — never holds the server's
// main thread, where the collaboration relay runs. The main thread talks to it through
// db/pglite-thread.ts. Plain JavaScript: a worker does not get the tsx loader.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { byteaCodec } from './pglite-bytea.mjs';

// Files PGlite creates here (tables, write-ahead log) get the process's umask, which a worker
// cannot change: db/data-folder.ts sets it to 077 on the main thread before starting us.

const pg = workerData.dataDir
  ? new PGlite(workerData.dataDir, byteaCodec)
  : new PGlite({
      ...byteaCodec,
      loadDataDir: workerData.fromDump ? new Blob([readFileSync(workerData.fromDump)]) : undefined,
    });
/**
 * Open transactions by the id the main thread gave them: each holds PGlite's transaction lock
 * until its commit or rollback arrives. The main thread sends a transaction's first statements
 * right behind its BEGIN, without waiting for it: they wait here until the transaction is open.
 */
const transactions = new Map();

const identity = (value) => value;

function serializeError(e) {
  const out = { name: e?.name ?? 'Error', message: e?.message ?? String(e) };
  // DatabaseError's fields (code, detail, constraint, …) say what went wrong; keep them.
  if (e && typeof e === 'object')
    for (const [key, value] of Object.entries(e))
      if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  return out;
}

function reply(id, result) {
  parentPort.postMessage({ id, ok: true, result });
}

function fail(id, e) {
  parentPort.postMessage({ id, ok: false, error: serializeError(e) });
}

function queryOptions(message) {
  if (!message.rowMode && !message.keepRaw) return undefined;
  const parsers = {};
  for (const oid of message.keepRaw ?? []) parsers[oid] = identity;
  return { rowMode: message.rowMode, parsers };
}

function begin(id, txId) {
  let finish;
  const finished = new Promise((resolve) => {
    finish = resolve;
  });
  let open;
  const opened = new Promise((resolve, reject) => {
    open = { resolve, reject };
  });
  opened.catch(() => {}); // a failed BEGIN is answered below, and to each statement waiting for it
  const entry = { opened, finish, pending: undefined };
  transactions.set(txId, entry);
  const done = pg.transaction(async (tx) => {
    open.resolve(tx);
    reply(id, txId);
    const how = await finished;
    if (how.action === 'rollback') await tx.rollback();
  });
  done.then(
    () => {
      transactions.delete(txId);
      if (entry.pending !== undefined) reply(entry.pending, null);
    },
    (e) => {
      transactions.delete(txId);
      open.reject(e);
      if (entry.pending !== undefined) fail(entry.pending, e);
      else fail(id, e); // BEGIN itself failed
    },
  );
}

async function handle(message) {
  const { id, op } = message;
  try {
    switch (op) {
      case 'ready':
        await pg.waitReady;
        return reply(id, null);
      case 'query': {
        const entry = message.tx ? transactions.get(message.tx) : undefined;
        if (message.tx && !entry) throw new Error(`transaction ${message.tx} is not open`);
        const target = entry ? await entry.opened : pg;
        return reply(id, await target.query(message.sql, message.params, queryOptions(message)));
      }
      case 'begin':
        return begin(id, message.tx);
      case 'commit':
      case 'rollback': {
        const entry = transactions.get(message.tx);
        if (!entry) throw new Error(`transaction ${message.tx} is not open`);
        entry.pending = id;
        entry.finish({ action: op });
        return;
      }
      case 'close':
        await pg.close();
        return reply(id, null);
      default:
        throw new Error(`unknown operation ${op}`);
    }
  } catch (e) {
    fail(id, e);
  }
}

parentPort.on('message', (message) => void handle(message));
