import * as Y from 'yjs';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { loadDocState, writeSnapshot } from '../queries/doc-state';

/**
 * Folds a resolution's update log into its snapshot. Reads from the database, not from a
 * live document: with several processes each may hold updates the other has not seen yet,
 * and only the stored rows are known to be complete up to a sequence number. A transaction
 * advisory lock keeps two processes from compacting the same document at once.
 */
export async function compactDocument(db: Db, resolutionId: string): Promise<{ compacted: number; bytes: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concord-compact:${resolutionId}`}))`);
    const stored = await loadDocState(tx, resolutionId);
    if (stored.tailLength === 0) return { compacted: 0, bytes: stored.update.length };
    // Through a document rather than mergeUpdates: the snapshot then holds the state
    // encoded compactly (deleted content garbage-collected), not every update side by side.
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, stored.update);
      const state = Y.encodeStateAsUpdate(doc);
      await writeSnapshot(tx, resolutionId, state, stored.upToSeq);
      return { compacted: stored.tailLength, bytes: state.length };
    } finally {
      doc.destroy();
    }
  });
}

/**
 * One process only (no REDIS_URL): the live document holds every stored row of its
 * resolution up to `upToSeq` (each was applied before it was stored), so its own state is
 * the snapshot. No log read, no decoding: the write is short, and group commits waiting on
 * the database are not held up behind a compaction.
 */
export async function snapshotLiveState(
  db: Db,
  resolutionId: string,
  state: Uint8Array,
  upToSeq: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concord-compact:${resolutionId}`}))`);
    await writeSnapshot(tx, resolutionId, state, upToSeq);
  });
}
