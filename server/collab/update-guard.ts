import { Worker } from 'node:worker_threads';
import type { DocumentShape } from '../../lib/collab/document-shape';
import { guardChecked } from '../observability/collab-metrics';
import { isRefusalReason, UpdateRefused } from './refusal';

/**
 * Checks incoming updates before the live document applies them, in one worker thread that
 * keeps a mirror of every open document (update-guard-worker.mjs): an update must decode
 * within a time and memory bound and keep its document inside the document's shape (the
 * editor's schema, paragraph length, no missing dependencies). Jobs run in order; if the
 * worker has not answered the oldest job within its time bound (or ran out of memory),
 * that job is the culprit: it is refused, the worker replaced (its mirrors made again from
 * the live documents' states), and the jobs queued behind it resubmitted. Everyone else
 * only waits that bound once.
 */
export interface UpdateGuard {
  /**
   * A document is served from now on: its mirror is made from `state()` (asked again if
   * the worker is replaced). The answer says how to repair a document stored by an older
   * server that holds what its shape forbids.
   */
  open(room: string, shape: string, state: () => Uint8Array): Promise<OpenVerdict>;
  /** Checks a client's update; resolves when it may be applied (the mirror then holds it). */
  check(update: Uint8Array, room?: string): Promise<CheckTicket>;
  /** An update the document took without a check (relayed, made by the server). */
  feed(room: string, update: Uint8Array): void;
  /** A checked update that the document did not take after all (the client lost its rights meanwhile). */
  discard(room: string, ticket: CheckTicket): void;
  forget(room: string): void;
  close(): Promise<void>;
}

export interface OpenVerdict {
  /** What was out of shape (empty when nothing was). */
  reasons: string[];
  /** An update bringing the document back into shape, to store and relay like any change. */
  repair: Uint8Array | null;
  /** A clean state to replace the stored one with, when no update can repair it. */
  replace: Uint8Array | null;
}

export type CheckTicket = number;

type Message =
  | { op: 'check'; room?: string; update: Uint8Array }
  | { op: 'open'; room: string; shape: string; state: Uint8Array }
  | { op: 'feed'; room: string; update: Uint8Array }
  | { op: 'discard'; room: string; of: number }
  | { op: 'forget'; room: string };

interface Job {
  id: number;
  message: Message;
  /** How long the worker may take on it before it is blamed. */
  boundMs: number;
  resolve: (result: unknown) => void;
  reject: (e: Error) => void;
}

interface Reply {
  id: number;
  ok: boolean;
  error?: string;
  /** Why a check refused the update (refusal.ts). */
  reason?: string;
  ready?: boolean;
  result?: { reasons: string[]; repair: ArrayBuffer | null; replace: ArrayBuffer | null };
}

const WORKER_URL = new URL('./update-guard-worker.mjs', import.meta.url);

export function createUpdateGuard(options: {
  timeMs: number;
  memoryMb: number;
  shapes?: Record<string, DocumentShape>;
  /** Told when the worker is replaced (it hung or ran out of memory on a job). */
  onReplaced?: (reason: string) => void;
}): UpdateGuard {
  let worker: Worker | null = null;
  let ready = false;
  let nextId = 1;
  const pending: Job[] = [];
  let watchdog: NodeJS.Timeout | null = null;
  let closed = false;
  /** Open documents: their shape and how to read their current state, for a new worker. */
  const rooms = new Map<string, { shape: string; state: () => Uint8Array }>();
  // Opening a large document costs more than checking one update: not the update's fault.
  const openBoundMs = Math.max(30_000, options.timeMs * 20);

  const spawn = () => {
    const w = new Worker(WORKER_URL, {
      workerData: { shapes: options.shapes ?? {} },
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 32 },
    });
    w.unref();
    ready = false;
    w.on('message', (msg: Reply) => {
      if (msg.ready) {
        if (w === worker) ready = true;
        armWatchdog();
        return;
      }
      const i = pending.findIndex((j) => j.id === msg.id);
      if (i < 0) return;
      const [job] = pending.splice(i, 1);
      if (msg.ok) job.resolve(msg.result);
      else
        job.reject(
          new UpdateRefused(msg.error ?? 'update refused', isRefusalReason(msg.reason) ? msg.reason : 'other'),
        );
      armWatchdog();
    });
    w.on('error', () => fail(w, 'update exhausted the decoding memory bound'));
    w.on('exit', () => fail(w, 'update decoding stopped unexpectedly'));
    return w;
  };

  /** A new worker knows no document: each open one is mirrored again before any job. */
  const respawn = () => {
    worker = spawn();
    for (const [room, { shape, state }] of rooms) post(job({ op: 'open', room, shape, state: state() }, openBoundMs));
  };

  /** The worker died or hung on the oldest job: refuse it, resubmit the others. */
  const fail = (which: Worker, reason: string) => {
    if (which !== worker) return;
    worker = null;
    void which.terminate();
    // Queued for the dead worker: the checks among them are resubmitted below, the rest remade.
    outbox = [];
    const culprit = pending.shift();
    culprit?.reject(new UpdateRefused(reason, 'too_expensive'));
    if (closed) return;
    options.onReplaced?.(`${reason} (job: ${culprit?.message.op ?? 'none'})`);
    // Opens and feeds are remade from the live documents by respawn; checks are resubmitted.
    const checks = pending.splice(0).filter((j) => {
      if (j.message.op === 'check') return true;
      j.resolve(j.message.op === 'open' ? { reasons: [], repair: null, replace: null } : undefined);
      return false;
    });
    if (checks.length || rooms.size) {
      respawn();
      for (const j of checks) {
        pending.push(j);
        post(j);
      }
    }
    armWatchdog();
  };

  const job = (message: Message, boundMs: number): Job => {
    const j: Job = { id: nextId++, message, boundMs, resolve: () => {}, reject: () => {} };
    const done = new Promise<unknown>((resolve, reject) => {
      j.resolve = resolve;
      j.reject = reject;
    });
    jobResults.set(j, done);
    pending.push(j);
    return j;
  };
  const jobResults = new WeakMap<Job, Promise<unknown>>();

  /**
   * A postMessage per update (the clients' checks, the relayed updates' feeds) costs the
   * relay's thread a serialisation and a wake-up of the worker each time. The first message
   * of a turn of the event loop goes at once (a lone check waits for nothing); those that
   * follow in the same turn, while the worker is busy with it, go together at its end.
   */
  let outbox: { message: object; transfer: ArrayBuffer[] }[] = [];
  let sending: NodeJS.Immediate | null = null;
  const send = () => {
    sending = null;
    const batch = outbox;
    outbox = [];
    if (!worker || batch.length === 0) return;
    if (batch.length === 1) worker.postMessage(batch[0].message, batch[0].transfer);
    else
      worker.postMessage(
        { op: 'batch', messages: batch.map((b) => b.message) },
        batch.flatMap((b) => b.transfer),
      );
  };

  const post = (j: Job) => {
    const m = j.message;
    let message: object;
    const transfer: ArrayBuffer[] = [];
    // Copies: the caller keeps its bytes, the transfer empties these.
    if (m.op === 'check' || m.op === 'feed') {
      const copy = m.update.slice();
      message = { op: m.op, id: j.id, room: m.room, update: copy.buffer };
      transfer.push(copy.buffer);
    } else if (m.op === 'open') {
      const copy = m.state.slice();
      message = { op: 'open', id: j.id, room: m.room, shape: m.shape, state: copy.buffer };
      transfer.push(copy.buffer);
    } else {
      message = { ...m, id: j.id };
    }
    if (sending) {
      outbox.push({ message, transfer });
      return;
    }
    worker!.postMessage(message, transfer);
    sending = setImmediate(send);
  };

  const submit = (message: Message, boundMs: number): { id: number; done: Promise<unknown> } => {
    if (closed) return { id: 0, done: Promise.reject(new UpdateRefused('server closing', 'other')) };
    if (!worker) respawn();
    const j = job(message, boundMs);
    post(j);
    if (pending[0] === j) armWatchdog();
    return { id: j.id, done: jobResults.get(j)! };
  };

  const armWatchdog = () => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = null;
    if (!pending.length || !worker || !ready) return;
    const w = worker;
    const oldest = pending[0];
    watchdog = setTimeout(() => {
      // The verdict waits for the answers already queued: if this thread was busy past the
      // bound, the worker's reply may be sitting behind the timer, and the update is innocent.
      setImmediate(() => {
        if (worker === w && pending[0] === oldest)
          fail(w, `update took longer than ${oldest.boundMs} ms to decode and check`);
      });
    }, oldest.boundMs);
    watchdog.unref();
  };

  const quietly = (p: { done: Promise<unknown> }) => void p.done.catch(() => {});

  return {
    async open(room, shape, state) {
      rooms.set(room, { shape, state });
      const result = (await submit({ op: 'open', room, shape, state: state() }, openBoundMs).done) as Reply['result'];
      return {
        reasons: result?.reasons ?? [],
        repair: result?.repair ? new Uint8Array(result.repair) : null,
        replace: result?.replace ? new Uint8Array(result.replace) : null,
      };
    },
    async check(update, room) {
      const message: Message = room === undefined ? { op: 'check', update } : { op: 'check', room, update };
      const startedAt = performance.now();
      const { id, done } = submit(message, options.timeMs);
      try {
        await done;
      } finally {
        guardChecked(startedAt);
      }
      return id;
    },
    feed(room, update) {
      if (rooms.has(room) && !closed) quietly(submit({ op: 'feed', room, update }, options.timeMs * 4));
    },
    discard(room, ticket) {
      if (rooms.has(room) && !closed) quietly(submit({ op: 'discard', room, of: ticket }, openBoundMs));
    },
    forget(room) {
      if (!rooms.delete(room) || closed || !worker) return;
      quietly(submit({ op: 'forget', room }, options.timeMs));
    },
    async close() {
      closed = true;
      if (watchdog) clearTimeout(watchdog);
      for (const j of pending.splice(0)) j.reject(new UpdateRefused('server closing', 'other'));
      const w = worker;
      worker = null;
      if (sending) clearImmediate(sending);
      outbox = [];
      await w?.terminate();
    },
  };
}
