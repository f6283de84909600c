import type { Db } from '../../db/client';
import { compactDocument, snapshotLiveState } from '../../db/commands/doc-compactor';
import type { LiveDocument } from './live-document';

export interface CompactorDeps {
  getDb(): Promise<Db>;
  /** Stored updates after which the log is compacted into a snapshot. */
  compactAfterUpdates: number;
  /** One process alone: the live document is complete up to what it stored (see snapshotLiveState). */
  alone: boolean;
  /** Is this document still the one being served (not unloaded meanwhile)? */
  serves(live: LiveDocument): Promise<boolean>;
  onError(context: string, e: unknown): void;
}

/** How long the typing must pause before a due compaction runs. */
const QUIET_MS = 1000;
/** A tail this many times the threshold is compacted even while the typing goes on. */
const OVERDUE_FACTOR = 20;

/**
 * Folds a resolution's log of updates into its snapshot, so that opening it stays cheap.
 * Compaction waits for a quiet second: under a burst of typing a compaction (a database
 * write holding up the group commits behind it) would add its time to every update in
 * flight. A tail that grows past OVERDUE_FACTOR × the threshold is compacted regardless,
 * so opening stays cheap even in a session that never pauses.
 */
export class Compactor {
  private readonly running = new Set<string>();
  private readonly quiet = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: CompactorDeps) {}

  /** Asked after every stored batch of a live document. */
  maybeCompact(live: LiveDocument): void {
    const id = live.resolutionId;
    if (live.storedSinceCompaction < this.deps.compactAfterUpdates || this.running.has(id)) return;
    this.cancel(id);
    if (live.storedSinceCompaction >= this.deps.compactAfterUpdates * OVERDUE_FACTOR) {
      void this.compact(id, live);
      return;
    }
    const timer = setTimeout(async () => {
      this.quiet.delete(id);
      // Only the document still being served: an unloaded one was compacted on its way out.
      if ((await this.deps.serves(live)) && !this.running.has(id)) void this.compact(id, live);
    }, QUIET_MS);
    timer.unref();
    this.quiet.set(id, timer);
  }

  /** A document being unloaded: what its log still holds is compacted from the database. */
  async beforeUnload(live: LiveDocument): Promise<void> {
    this.cancel(live.resolutionId);
    if (live.storedSinceCompaction > 0) await this.compact(live.resolutionId);
  }

  /** Compacts now: from the live document when it is alone to write, else from the database. */
  async compact(resolutionId: string, live?: LiveDocument): Promise<void> {
    this.running.add(resolutionId);
    const counted = live?.storedSinceCompaction ?? 0;
    try {
      if (live && this.deps.alone) {
        await live.settled();
        // Read before the state is asked for: the state holds at least what was stored up to it.
        const upToSeq = live.storedUpToSeq;
        const state = await live.snapshotState();
        await snapshotLiveState(await this.deps.getDb(), resolutionId, state, upToSeq);
      } else {
        await compactDocument(await this.deps.getDb(), resolutionId);
      }
      if (live) live.storedSinceCompaction = Math.max(0, live.storedSinceCompaction - counted);
    } catch (e) {
      this.deps.onError(`compacting ${resolutionId}`, e);
    } finally {
      this.running.delete(resolutionId);
    }
  }

  close(): void {
    for (const t of this.quiet.values()) clearTimeout(t);
    this.quiet.clear();
  }

  private cancel(id: string) {
    clearTimeout(this.quiet.get(id));
    this.quiet.delete(id);
  }
}
