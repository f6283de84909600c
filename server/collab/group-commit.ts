import type { Queryable } from '../../db/client';
import { appendDocUpdates } from '../../db/queries/doc-state';
import { batchStored } from '../observability/collab-metrics';

/**
 * Stores updates before anyone else sees them, a few milliseconds' worth at a time in one
 * multi-row insert (the group commit), so durability costs one database round trip per
 * batch rather than per keystroke. Batches are written one after another, so the order in
 * which `store` resolves is the order updates were given to it.
 */
export interface PendingUpdate {
  resolutionId: string;
  update: Uint8Array;
  userId: string | null;
}

export interface GroupCommitter {
  /** Resolves with the update's log sequence number once it is stored. */
  store(update: PendingUpdate): Promise<number>;
  /** Resolves when everything given so far is stored. */
  idle(): Promise<void>;
}

interface Waiting extends PendingUpdate {
  resolve: (seq: number) => void;
  reject: (e: unknown) => void;
}

export function createGroupCommitter(
  getDb: () => Promise<Queryable>,
  windowMs: number,
  onError: (e: unknown) => void,
): GroupCommitter {
  let queue: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** The batch being written, if any. */
  let writing: Promise<void> | null = null;

  // One write at a time. Updates that arrive during a write are taken as the next batch as
  // soon as it ends (they have already waited that long), so the batch grows with the
  // write time instead of batches queueing up behind a slow database.
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (writing || queue.length === 0) return;
    const batch = queue;
    queue = [];
    writing = writeWithRetry(batch).then(() => {
      writing = null;
      flush();
    });
  };

  // A failed write is retried (with a growing pause) rather than dropped: the updates are
  // already in the live document, and relaying them unstored would break the promise.
  const writeWithRetry = async (batch: Waiting[]) => {
    const startedAt = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const db = await getDb();
        const seqs = await appendDocUpdates(db, batch);
        batch.forEach((w, i) => {
          w.resolve(seqs[i]);
        });
        batchStored(batch.length, startedAt);
        return;
      } catch (e) {
        onError(e);
        if (attempt >= 20) {
          for (const w of batch) w.reject(e);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(2000, 25 * 2 ** attempt)));
      }
    }
  };

  return {
    store(update) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ ...update, resolve, reject });
        if (!timer && !writing) timer = setTimeout(flush, windowMs);
      });
    },
    async idle() {
      flush();
      while (writing) await writing;
    },
  };
}
