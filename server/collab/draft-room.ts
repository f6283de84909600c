import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { RemotePresence } from './remote-presence';
import type { Db } from '../../db/client';
import { syncDraft, type DraftSync } from '../../db/commands/draft-store';
import { draftRoomName, readDraftText } from '../../lib/amendments/draft-text';
import type { CrossProcessRelay } from './relay';
import { isPeer, type Peer, type SharedDocument } from './live-document';
import { encodeAwarenessMessage, encodeUpdateMessage } from './protocol';
import { publishProcedureEvent } from '../procedure-events';
import type { UpdateGuard } from './update-guard';

const LOADED = Symbol('loaded from the database');
const STORED = Symbol('stored elsewhere');

/** A draft amendment's wording may not grow past what the API accepts. */
export const DRAFT_MAX_CHARS = 20_000;
/** A co-sponsor's live edits are written to the amendment's history at most this often. */
const HISTORY_EVERY_MS = 60_000;
/** Pages showing the amendment (its card, the compilation) hear of live edits this often. */
const ANNOUNCE_EVERY_MS = 1500;

export interface DraftRoomDeps {
  getDb(): Promise<Db>;
  relay: CrossProcessRelay;
  onError(context: string, e: unknown): void;
  /** The amendment left the draft stage under the room: its sockets are re-checked. */
  onNoLongerDraft(room: DraftRoom): void;
  /** Told of every change not checked by it (loaded, relayed, corrected): its mirror follows. */
  guard?: Pick<UpdateGuard, 'feed'>;
}

/**
 * One draft amendment being co-edited by its sponsoring and co-sponsoring delegations, on
 * the collaboration endpoint as room `amendment/<id>`. Small next to a resolution (one
 * paragraph, a few editors), so simpler than LiveDocument: the edits that arrive while a
 * save runs are merged into the next one, each save writes the merged state under the
 * amendment's row lock (db/commands/draft-store.ts), and only then do they go out to the
 * other co-sponsors and processes: stored before relayed, as for the resolution text.
 */
export class DraftRoom implements SharedDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  readonly key: string;
  private pending: { update: Uint8Array; from: Peer | null }[] = [];
  private saving: Promise<void> = Promise.resolve();
  private lastRecorded = new Map<string, number>();
  private editorsSinceRecord = new Set<string>();
  /** Set once a save found the amendment tabled or withdrawn: edits are no longer kept. */
  closedToEdits = false;
  private resolutionId: string | null = null;
  private announceTimer: NodeJS.Timeout | null = null;
  private readonly remotePresence = new RemotePresence(this.awareness, STORED);
  /** Saves failed in a row (the database away): the next try waits longer. */
  private failures = 0;

  constructor(
    readonly amendmentId: string,
    private readonly deps: DraftRoomDeps,
  ) {
    this.key = draftRoomName(amendmentId);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = added.concat(updated, removed);
        if (isPeer(origin)) {
          for (const id of added) origin.awarenessIds.add(id);
          for (const id of removed) origin.awarenessIds.delete(id);
        }
        if (origin === STORED) this.remotePresence.noteChange(added, updated, removed);
        this.broadcast(encodeAwarenessMessage(this.awareness, changed), null);
        if (origin !== STORED)
          this.deps.relay.publishAwareness(this.key, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      },
    );
  }

  async load(): Promise<void> {
    const synced = await syncDraft(
      await this.deps.getDb(),
      { amendmentId: this.amendmentId },
      { update: null, wantState: true },
    );
    if (!synced.state) throw new Error(`amendment ${this.amendmentId} not found`);
    Y.applyUpdate(this.doc, synced.state, LOADED);
    this.closedToEdits = !synced.stored;
    this.resolutionId = synced.resolutionId;
  }

  /**
   * Refuses an update that would take the wording past the limit, before it is applied:
   * tried on a copy (a paragraph's state is small).
   */
  vet(update: Uint8Array): string | null {
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      Y.applyUpdate(copy, update);
      const length = readDraftText(copy).length;
      return length > DRAFT_MAX_CHARS
        ? `the draft would be ${length} characters long; the limit is ${DRAFT_MAX_CHARS}`
        : null;
    } finally {
      copy.destroy();
    }
  }

  get room(): string {
    return this.key;
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  missingFrom(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  applyFrom(update: Uint8Array, origin: Peer): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  /** Everything applied so far is stored (and sent). */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.saving;
      await current;
    } while (current !== this.saving);
  }

  /** The wording was changed outside the room (API, rewrite, rebase): fold it in now. */
  reconcile(): void {
    this.queueSave();
  }

  applyRemote(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, STORED);
  }

  applyRemoteAwareness(update: Uint8Array, from?: string): void {
    this.remotePresence.apply(update, from);
  }

  /** Another process died: the presence entries it relayed go. */
  dropProcess(from: string): void {
    this.remotePresence.dropProcess(from);
  }

  leave(peer: Peer): void {
    this.peers.delete(peer);
    if (peer.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
  }

  destroy(): void {
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown) {
    // A client's update is in the guard's mirror already (checked there); others are told.
    if (!isPeer(origin)) this.deps.guard?.feed(this.key, update);
    if (origin === LOADED) return;
    if (origin === STORED) {
      // Stored by another process (or the correction of a save here): out to everyone.
      this.broadcast(encodeUpdateMessage(update), null);
      return;
    }
    const from = isPeer(origin) ? origin : null;
    if (from) this.editorsSinceRecord.add(from.userId);
    this.pending.push({ update, from });
    this.queueSave();
  }

  private queueSave() {
    this.saving = this.saving
      .then(() => this.save())
      .catch((e) => this.deps.onError(`storing draft amendment ${this.amendmentId}`, e));
  }

  private async save(): Promise<void> {
    const batch = this.pending.splice(0);
    // Tabled or withdrawn: its wording is the amendment's now, and edits are not kept.
    if (this.closedToEdits) return;
    const update =
      batch.length === 0 ? null : batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update));
    const now = Date.now();
    const editors = [...this.editorsSinceRecord].filter(
      (u) => now - (this.lastRecorded.get(u) ?? 0) >= HISTORY_EVERY_MS,
    );
    let synced: DraftSync;
    try {
      synced = await syncDraft(await this.deps.getDb(), { amendmentId: this.amendmentId }, { update, editors });
    } catch (e) {
      // Not stored, so not sent: the edits wait at the front of the queue and the save is
      // tried again (with a growing pause), as the group commit does for the text.
      this.pending.unshift(...batch);
      this.failures++;
      this.deps.onError(`storing draft amendment ${this.amendmentId} (attempt ${this.failures})`, e);
      const retry = setTimeout(() => this.queueSave(), Math.min(2000, 25 * 2 ** this.failures));
      retry.unref();
      return;
    }
    this.failures = 0;
    for (const u of editors) {
      this.lastRecorded.set(u, now);
      this.editorsSinceRecord.delete(u);
    }
    if (!synced.stored) {
      this.closedToEdits = true;
      this.deps.onNoLongerDraft(this);
      return;
    }
    if (update) {
      const from = batch.every((b) => b.from === batch[0].from) ? batch[0].from : null;
      this.broadcast(encodeUpdateMessage(update), from);
      this.deps.relay.publishUpdate(this.key, update);
      this.announce();
    }
    if (synced.correction) {
      this.deps.relay.publishUpdate(this.key, synced.correction);
      Y.applyUpdate(this.doc, synced.correction, STORED);
    }
  }

  /** The redline on the amendment's card follows the typing, a second or two behind. */
  private announce() {
    if (this.announceTimer || !this.resolutionId) return;
    const resolutionId = this.resolutionId;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      publishProcedureEvent({
        resolutionId,
        type: 'amendment.edited',
        data: { amendmentId: this.amendmentId, live: true },
      });
    }, ANNOUNCE_EVERY_MS);
    this.announceTimer.unref();
  }

  private broadcast(message: Uint8Array, except: Peer | null) {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }
}
