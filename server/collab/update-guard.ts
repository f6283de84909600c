import { Worker } from 'node:worker_threads';

/**
 * Checks incoming updates before the live document applies them. Jobs run in order in one
 * worker; if the worker has not answered the oldest job within the time bound (or ran out
 * of memory), that job is the culprit: it is refused, the worker replaced, and the jobs
 * queued behind it resubmitted. Everyone else only waits that bound once.
 */
export interface UpdateGuard {
  check(update: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export class UpdateRefused extends Error {}

interface Job {
  id: number;
  update: Uint8Array;
  resolve: () => void;
  reject: (e: Error) => void;
}

const WORKER_URL = new URL('./update-guard-worker.mjs', import.meta.url);

export function createUpdateGuard(options: { timeMs: number; memoryMb: number }): UpdateGuard {
  let worker: Worker | null = null;
  let ready = false;
  let nextId = 1;
  const pending: Job[] = [];
  let watchdog: NodeJS.Timeout | null = null;
  let closed = false;

  const spawn = () => {
    const w = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 32 },
    });
    w.unref();
    ready = false;
    w.on('message', (msg: { id: number; ok: boolean; error?: string; ready?: boolean }) => {
      if (msg.ready) {
        if (w === worker) ready = true;
        armWatchdog();
        return;
      }
      const i = pending.findIndex((j) => j.id === msg.id);
      if (i < 0) return;
      const [job] = pending.splice(i, 1);
      if (msg.ok) job.resolve();
      else job.reject(new UpdateRefused(`update could not be decoded: ${msg.error}`));
      armWatchdog();
    });
    w.on('error', () => fail(w, 'update exhausted the decoding memory bound'));
    w.on('exit', () => fail(w, 'update decoding stopped unexpectedly'));
    return w;
  };

  /** The worker died or hung on the oldest job: refuse it, resubmit the others. */
  const fail = (which: Worker, reason: string) => {
    if (which !== worker) return;
    worker = null;
    void which.terminate();
    const culprit = pending.shift();
    culprit?.reject(new UpdateRefused(reason));
    if (closed) return;
    if (pending.length) {
      worker = spawn();
      for (const job of pending) post(job);
    }
    armWatchdog();
  };

  const post = (job: Job) => {
    // A copy: the caller keeps its bytes, the transfer empties this one.
    const copy = job.update.slice();
    worker!.postMessage({ id: job.id, update: copy.buffer }, [copy.buffer]);
  };

  const armWatchdog = () => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = null;
    if (!pending.length || !worker || !ready) return;
    const w = worker;
    const job = pending[0];
    watchdog = setTimeout(() => {
      // The verdict waits for the answers already queued: if this thread was busy past the
      // bound, the worker's reply may be sitting behind the timer, and the update is innocent.
      setImmediate(() => {
        if (worker === w && pending[0] === job) fail(w, `update took longer than ${options.timeMs} ms to decode`);
      });
    }, options.timeMs);
    watchdog.unref();
  };

  return {
    check(update) {
      if (closed) return Promise.reject(new UpdateRefused('server closing'));
      return new Promise<void>((resolve, reject) => {
        const job: Job = { id: nextId++, update, resolve, reject };
        pending.push(job);
        worker ??= spawn();
        post(job);
        if (pending.length === 1) armWatchdog();
      });
    },
    async close() {
      closed = true;
      if (watchdog) clearTimeout(watchdog);
      for (const job of pending.splice(0)) job.reject(new UpdateRefused('server closing'));
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
