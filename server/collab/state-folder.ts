import { Worker } from 'node:worker_threads';
import { folded } from '../observability/collab-metrics';

/** What a fold is asked: the state, the updates to merge into it, and when to drop deleted content. */
export interface FoldJob {
  state: Uint8Array;
  updates: Uint8Array[];
  collect: {
    /** Re-encode whatever was deleted (a snapshot is being taken). */
    always: boolean;
    /** Size of the state right after it was last re-encoded, and what was deleted since. */
    collectedBytes: number;
    deleted: number;
  };
  /** A client's state vector: the answer also carries what that client lacks (its sync step 2). */
  diff?: Uint8Array;
}

export interface Folded {
  state: Uint8Array;
  /** False when an update did not merge (the rest did): the state must be read again for what it contains. */
  exact: boolean;
  /** The deleted content was dropped (re-encoded). */
  collected: boolean;
  /** Why an update did not merge, or the re-encoding failed. */
  failure: string | null;
  /** The new state's state vector. */
  vector: Uint8Array;
  /** With `diff`: what that client lacks. */
  missing: Uint8Array | null;
}

/**
 * Merges updates into a document's encoded state on a worker thread (state-folder-worker.mjs),
 * so that the relay's thread never stalls for the size of a large text: it hands the state
 * and the updates over and takes the result back when it is ready. One worker serves every
 * document of the process, one job after another; should it fail, the jobs under way are
 * refused and the caller folds on its own thread.
 */
export interface StateFolder {
  fold(job: FoldJob): Promise<Folded>;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./state-folder-worker.mjs', import.meta.url);

interface Reply {
  id: number;
  ok: boolean;
  error?: string;
  state?: ArrayBuffer;
  exact?: boolean;
  collected?: boolean;
  failure?: string | null;
  vector?: Uint8Array;
  missing?: ArrayBuffer | null;
}

export function createStateFolder(): StateFolder {
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, { resolve: (f: Folded) => void; reject: (e: Error) => void; startedAt: number }>();

  const failAll = (w: Worker, reason: string) => {
    if (w !== worker) return;
    worker = null;
    for (const job of pending.values()) job.reject(new Error(reason));
    pending.clear();
  };

  const spawn = () => {
    const w = new Worker(WORKER_URL);
    w.unref();
    w.on('message', (reply: Reply) => {
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      folded(job.startedAt);
      if (!reply.ok || !reply.state) job.reject(new Error(reply.error ?? 'fold failed'));
      else
        job.resolve({
          state: new Uint8Array(reply.state),
          exact: reply.exact ?? true,
          collected: reply.collected ?? false,
          failure: reply.failure ?? null,
          vector: reply.vector ?? new Uint8Array([0]),
          missing: reply.missing ? new Uint8Array(reply.missing) : null,
        });
    });
    w.on('error', (e) => failAll(w, `state folder failed: ${e.message}`));
    w.on('exit', () => failAll(w, 'state folder stopped'));
    return w;
  };

  return {
    fold(job) {
      if (closed) return Promise.reject(new Error('closed'));
      worker ??= spawn();
      const id = nextId++;
      return new Promise<Folded>((resolve, reject) => {
        pending.set(id, { resolve, reject, startedAt: performance.now() });
        // Copied by the structured clone (the caller keeps serving its state meanwhile); a
        // view is cut to its bytes first, or the clone would copy the buffer it sits in.
        worker!.postMessage({
          id,
          state: exact(job.state),
          updates: job.updates.map(exact),
          collect: job.collect,
          diff: job.diff,
        });
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      for (const job of pending.values()) job.reject(new Error('closed'));
      pending.clear();
      await w?.terminate();
    },
  };
}

const exact = (bytes: Uint8Array) =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
