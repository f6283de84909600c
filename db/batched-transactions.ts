import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './client';

/**
 * Many small commands arriving together (190 delegations pressing "vote" in the same
 * second) run in one transaction instead of one each: each command still runs whole in its
 * own savepoint (the command's `db.transaction` nests), so one refused command rolls back
 * alone and its caller gets its own error; everyone's answer waits for the one COMMIT, so
 * nobody is told "recorded" before it is. Commands that arrive while a batch is being
 * written form the next batch: a lone command waits for nothing, a burst pays one BEGIN,
 * COMMIT and lock wait per batch instead of per command.
 *
 * If the batch's transaction itself fails (the connection dropped, COMMIT refused), its
 * commands are run again one transaction each, so no command fails for another's sake.
 */
export interface TransactionBatcher<I, O> {
  run(input: I): Promise<O>;
  /**
   * Serves a request that will (most likely) `run` a command once its own reads are done
   * (authentication, the vote): until it runs one or ends, the next batch waits for it —
   * at most `holdMs` — so a burst whose requests are still in their lookups is written in
   * one or two batches instead of several, each of which would hold the connection those
   * lookups wait for.
   */
  arriving<T>(serve: () => Promise<T>): Promise<T>;
}

interface Waiting<I, O> {
  input: I;
  resolve(value: O): void;
  reject(e: unknown): void;
}

export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface BatchOptions {
  /** At most this many commands per transaction (default 250). */
  maxBatch?: number;
  /** How long the next batch may wait for requests `arriving` (default 0: it does not wait). */
  holdMs?: number;
  /**
   * The command runs all its statements inside `db.transaction(…)` (a savepoint in the
   * batch), so it needs no savepoint of its own around it: one fewer pair of statements each.
   */
  ownTransaction?: boolean;
}

export function batchTransactions<I, O>(
  getDb: () => Promise<Db>,
  command: (db: Db, input: I) => Promise<O>,
  options: BatchOptions = {},
): TransactionBatcher<I, O> {
  const maxBatch = options.maxBatch ?? 250;
  const inSavepoint = (tx: Db, input: I): Promise<O> =>
    options.ownTransaction ? command(tx, input) : tx.transaction((inner) => command(inner as unknown as Db, input));
  const alone = async (w: Waiting<I, O>) => {
    try {
      w.resolve(await command(await getDb(), w.input));
    } catch (e) {
      w.reject(e);
    }
  };

  const write = async (batch: Waiting<I, O>[]) => {
    if (batch.length === 1) return alone(batch[0]);
    const db = await getDb();
    let settled: Settled<O>[];
    try {
      settled = await db.transaction(async (tx) => {
        const out: Settled<O>[] = [];
        // One after the other: a transaction runs one statement at a time anyway.
        for (const w of batch) {
          try {
            // Each in a savepoint: a failed statement must not leave the shared transaction
            // aborted (COMMIT would then silently roll back everyone's work).
            out.push({ ok: true, value: await inSavepoint(tx as unknown as Db, w.input) });
          } catch (error) {
            out.push({ ok: false, error });
          }
        }
        return out;
      });
    } catch {
      for (const w of batch) await alone(w);
      return;
    }
    batch.forEach((w, i) => {
      const s = settled[i];
      if (s.ok) w.resolve(s.value);
      else w.reject(s.error);
    });
  };

  return queueInBatches(maxBatch, options.holdMs ?? 0, write);
}

/**
 * The same queue for a set-based command: it takes the whole batch at once (one statement
 * per step instead of one per input) and answers each input on its own — a refused input
 * is a `{ ok: false }` of its own, not an exception. If the batch's transaction fails as a
 * whole, its inputs are run again one transaction each, as above.
 */
export function batchSetTransactions<I, O>(
  getDb: () => Promise<Db>,
  commandSet: (tx: Db, inputs: readonly I[]) => Promise<Settled<O>[]>,
  options: Pick<BatchOptions, 'maxBatch' | 'holdMs'> = {},
): TransactionBatcher<I, O> {
  const settle = (batch: Waiting<I, O>[], settled: Settled<O>[]) =>
    batch.forEach((w, i) => {
      const s = settled[i];
      if (s.ok) w.resolve(s.value);
      else w.reject(s.error);
    });
  const inOwnTransaction = async (db: Db, batch: Waiting<I, O>[]) =>
    settle(
      batch,
      await db.transaction((tx) =>
        commandSet(
          tx as unknown as Db,
          batch.map((w) => w.input),
        ),
      ),
    );
  const write = async (batch: Waiting<I, O>[]) => {
    let db: Db;
    try {
      db = await getDb();
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    try {
      await inOwnTransaction(db, batch);
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const w of batch) await inOwnTransaction(db, [w]).catch((e: unknown) => w.reject(e));
    }
  };
  return queueInBatches(options.maxBatch ?? 250, options.holdMs ?? 0, write);
}

/**
 * Commands arriving in the same tick join one batch; those arriving while a batch is being
 * written form the next one, at most `maxBatch` each. Before each batch the queue waits, at
 * most `holdMs`, while requests announced by `arriving` have not yet run their command.
 */
function queueInBatches<I, O>(
  maxBatch: number,
  holdMs: number,
  write: (batch: Waiting<I, O>[]) => Promise<void>,
): TransactionBatcher<I, O> {
  let queue: Waiting<I, O>[] = [];
  let writing = false;
  /** Requests announced and not yet queued (nor ended). */
  let onTheirWay = 0;
  let released: (() => void) | null = null;
  const arrival = new AsyncLocalStorage<{ counted: boolean }>();
  const arrived = (entry: { counted: boolean } | undefined) => {
    if (!entry?.counted) return;
    entry.counted = false;
    onTheirWay--;
    if (onTheirWay === 0) released?.();
  };

  const held = () =>
    holdMs <= 0 || onTheirWay === 0 || queue.length >= maxBatch
      ? null
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => released?.(), holdMs);
          released = () => {
            released = null;
            clearTimeout(timer);
            // Those whose command ran in this very tick join too.
            setImmediate(resolve);
          };
        });

  const flush = async () => {
    writing = true;
    while (queue.length) {
      const waiting = held();
      if (waiting) await waiting;
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await write(batch);
    }
    writing = false;
  };

  return {
    run(input) {
      arrived(arrival.getStore());
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // Commands arriving in the same tick join this one; later ones wait for the next batch.
        if (!writing) {
          writing = true;
          setImmediate(() => void flush());
        } else if (queue.length >= maxBatch) released?.();
      });
    },
    async arriving(serve) {
      if (holdMs <= 0) return serve();
      const entry = { counted: true };
      onTheirWay++;
      try {
        return await arrival.run(entry, serve);
      } finally {
        arrived(entry);
      }
    },
  };
}
