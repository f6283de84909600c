import * as Y from 'yjs';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '../client';
import { docSnapshots, docUpdates } from '../schema';

/**
 * The stored state of a resolution's text: the last compacted snapshot plus the tail of the
 * update log after it. Opening costs the document's size plus a short tail, not its history.
 */
export interface StoredDocState {
  /** Snapshot and tail merged into one update (empty doc: a zero-length update). */
  update: Uint8Array;
  /** Highest log sequence number included. */
  upToSeq: number;
  /** How many log rows were read after the snapshot. */
  tailLength: number;
}

export async function loadDocState(db: Queryable, resolutionId: string): Promise<StoredDocState> {
  const [snapshot] = await db.select().from(docSnapshots).where(eq(docSnapshots.resolutionId, resolutionId));
  const fromSeq = snapshot?.upToSeq ?? 0;
  const tail = await db
    .select({ seq: docUpdates.seq, update: docUpdates.update })
    .from(docUpdates)
    .where(and(eq(docUpdates.resolutionId, resolutionId), gt(docUpdates.seq, fromSeq)))
    .orderBy(asc(docUpdates.seq));
  const parts = [...(snapshot ? [snapshot.state] : []), ...tail.map((r) => r.update)];
  const update =
    parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
  return { update, upToSeq: tail.at(-1)?.seq ?? fromSeq, tailLength: tail.length };
}

/** Appends updates to the log (one multi-row insert: the group commit). Returns their seqs. */
export async function appendDocUpdates(
  db: Queryable,
  rows: { resolutionId: string; update: Uint8Array; userId?: string | null }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(docUpdates)
    .values(rows.map((r) => ({ resolutionId: r.resolutionId, update: r.update, userId: r.userId ?? null })))
    .returning({ seq: docUpdates.seq });
  return inserted.map((r) => r.seq);
}

/**
 * Replaces the snapshot with `state` covering the log up to `upToSeq` and drops the rows it
 * covers. Run inside a transaction so a crash leaves either the old or the new pair.
 */
export async function writeSnapshot(db: Queryable, resolutionId: string, state: Uint8Array, upToSeq: number) {
  // `excluded.state`, not the bytes again: each bound copy of a large state is hex-encoded,
  // sent and parsed once more, while the group commits wait for PGlite. The sequence number
  // is a plain value, and naming its column here would copy the schema.
  await db
    .insert(docSnapshots)
    .values({ resolutionId, state, upToSeq })
    .onConflictDoUpdate({
      target: docSnapshots.resolutionId,
      set: { state: sql`excluded.state`, upToSeq, updatedAt: sql`now()` },
    });
  await db
    .delete(docUpdates)
    .where(and(eq(docUpdates.resolutionId, resolutionId), sql`${docUpdates.seq} <= ${upToSeq}`));
}

export async function countLogTail(db: Queryable, resolutionId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(docUpdates)
    .where(eq(docUpdates.resolutionId, resolutionId));
  return row?.n ?? 0;
}
