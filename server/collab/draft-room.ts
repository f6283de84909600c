import type * as Y from 'yjs';
import type { Db } from '../../db/client';
import { syncDraft } from '../../db/commands/draft-store';
import { draftRoomName, readDraftText } from '../../lib/amendments/draft-text';
import type { ProcedureEvent } from '../procedure-events';
import type { Peer } from './room';
import { WordingRoom, type PendingEdit, type WordingRoomDeps, type WordingSync } from './wording-room';
import { UpdateRefused } from './refusal';

/** A draft amendment's wording may not grow past what the API accepts. */
export const DRAFT_MAX_CHARS = 20_000;
/** A co-sponsor's live edits are written to the amendment's history at most this often. */
const HISTORY_EVERY_MS = 60_000;

export interface DraftRoomDeps extends WordingRoomDeps {
  getDb(): Promise<Db>;
  /** The amendment left the draft stage under the room: its sockets are re-checked. */
  onNoLongerDraft(room: DraftRoom): void;
}

/**
 * One draft amendment being co-edited by its sponsoring and co-sponsoring delegations, on
 * the collaboration endpoint as room `amendment/<id>`. Each save writes the merged wording
 * under the amendment's row lock (db/commands/draft-store.ts), and records who edited in the
 * amendment's history at most once a minute per editor. Once tabled or withdrawn, its
 * wording is the amendment's: edits are no longer kept.
 */
export class DraftRoom extends WordingRoom {
  readonly shape = 'draft';
  readonly follows: readonly string[];
  private resolutionId: string | null = null;
  private lastRecorded = new Map<string, number>();
  private editorsSinceRecord = new Set<string>();

  constructor(
    readonly amendmentId: string,
    private readonly deps: DraftRoomDeps,
  ) {
    super(draftRoomName(amendmentId), deps);
    this.follows = [this.key];
  }

  async load(): Promise<void> {
    const synced = await syncDraft(
      await this.deps.getDb(),
      { amendmentId: this.amendmentId },
      { update: null, wantState: true },
    );
    if (!synced.state) throw new Error(`amendment ${this.amendmentId} not found`);
    this.resolutionId = synced.resolutionId;
    this.loaded(synced.state, synced.stored);
  }

  protected overLimit(copy: Y.Doc): UpdateRefused | null {
    const length = readDraftText(copy).length;
    return length > DRAFT_MAX_CHARS
      ? new UpdateRefused(
          `the draft would be ${length} characters long; the limit is ${DRAFT_MAX_CHARS}`,
          'document_too_large',
        )
      : null;
  }

  protected noteEdit(from: Peer): void {
    this.editorsSinceRecord.add(from.userId);
  }

  protected async sync(update: Uint8Array | null, _batch: PendingEdit[]): Promise<WordingSync | null> {
    // Tabled or withdrawn: its wording is the amendment's now, and edits are not kept.
    if (this.closedToEdits) return null;
    const now = Date.now();
    const editors = [...this.editorsSinceRecord].filter(
      (u) => now - (this.lastRecorded.get(u) ?? 0) >= HISTORY_EVERY_MS,
    );
    const synced = await syncDraft(await this.deps.getDb(), { amendmentId: this.amendmentId }, { update, editors });
    for (const u of editors) {
      this.lastRecorded.set(u, now);
      this.editorsSinceRecord.delete(u);
    }
    // Left the draft stage: its sockets are re-checked, and nothing more is folded in.
    return synced.stored ? synced : { stored: false, correction: null };
  }

  protected onClosedToEdits(): void {
    this.deps.onNoLongerDraft(this);
  }

  /** The redline on the amendment's card follows the typing. */
  protected announcement(): ProcedureEvent | null {
    if (!this.resolutionId) return null;
    return {
      resolutionId: this.resolutionId,
      type: 'amendment.edited',
      data: { amendmentId: this.amendmentId, live: true },
    };
  }
}
