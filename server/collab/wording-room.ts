import * as Y from 'yjs';
import type { CrossProcessRelay } from './relay';
import { RoomBroadcaster } from './room-broadcaster';
import { isPeer, SHAPE_REPAIR, type Peer, type Room } from './room';
import { publishProcedureEvent, type ProcedureEvent } from '../procedure-events';
import { carryArrivals } from '../observability/collab-metrics';
import type { OpenVerdict, UpdateGuard } from './update-guard';
import type { UpdateRefused } from './refusal';

const LOADED = Symbol('loaded from the database');
/** Stored by another process: out to everyone here. */
const STORED = Symbol('stored elsewhere');
/** What a save here brought back from the stored wording: out to everyone, here and (when stored) elsewhere. */
const CORRECTION = { stored: Symbol('correction, stored'), unstored: Symbol('correction, not stored') };
/** Pages showing the wording hear of live edits this often. */
const ANNOUNCE_EVERY_MS = 1500;

export interface WordingRoomDeps {
  relay: CrossProcessRelay;
  onError(context: string, e: unknown): void;
  /** Told of every change not checked by it (loaded, relayed, corrected): its mirror follows. */
  guard?: Pick<UpdateGuard, 'feed'>;
}

/** What a save answered: whether the edits were kept, and what the stored wording adds to them. */
export interface WordingSync {
  /** False when the wording no longer takes edits (tabled, withdrawn, published): nothing was stored. */
  stored: boolean;
  /** An edit folding in what changed outside the room (the API, another process), to send to everyone. */
  correction: Uint8Array | null;
}

export interface PendingEdit {
  update: Uint8Array;
  from: Peer | null;
}

/**
 * A room whose whole wording is saved under its row lock with each batch of edits: a draft
 * amendment (draft-room.ts) or a language version (language-room.ts). Small next to a
 * resolution (a paragraph, or a text without history), so it keeps a Y.Doc. The edits that
 * arrive while a save runs are merged into the next one, and only once stored do they go
 * out to the other editors and processes: stored before relayed, as for the resolution text.
 * A save that fails keeps its edits and is tried again with a growing pause.
 */
export abstract class WordingRoom implements Room {
  readonly doc = new Y.Doc();
  protected readonly out: RoomBroadcaster;
  /** Set once a save found the wording closed to edits: they are no longer kept. */
  closedToEdits = false;
  private pending: PendingEdit[] = [];
  /** The client's update being applied (applyFrom), whose arrival the document's copy carries. */
  private applying: Uint8Array | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Saves failed in a row (the database away): the next try waits longer. */
  private failures = 0;
  private announceTimer: NodeJS.Timeout | null = null;

  abstract readonly shape: string;
  abstract readonly follows: readonly string[];

  constructor(
    readonly key: string,
    private readonly wordingDeps: WordingRoomDeps,
  ) {
    this.out = new RoomBroadcaster(key, { relay: wordingDeps.relay });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
  }

  abstract load(): Promise<void>;
  /** Stores the merged edits (null: only fold in what changed outside) and says what came of it. */
  protected abstract sync(update: Uint8Array | null, batch: PendingEdit[]): Promise<WordingSync | null>;
  /** Why a wording holding `copy` would be refused, or null. */
  protected abstract overLimit(copy: Y.Doc): UpdateRefused | null;
  /** The room's wording became closed to edits: its sockets are re-checked. */
  protected abstract onClosedToEdits(): void;
  /** What pages showing the wording hear of live edits, or null. */
  protected abstract announcement(): ProcedureEvent | null;
  /** Called for each client's edit before it is saved. */
  protected noteEdit(_from: Peer): void {}

  get room(): string {
    return this.key;
  }

  get peers(): Set<Peer> {
    return this.out.peers;
  }

  get awareness() {
    return this.out.awareness;
  }

  /** The stored wording becomes the room's state. */
  protected loaded(state: Uint8Array, stored: boolean): void {
    Y.applyUpdate(this.doc, state, LOADED);
    this.closedToEdits = !stored;
  }

  /** Refuses an update that would take the wording past its limits, tried on a copy (a wording is small). */
  vet(update: Uint8Array): UpdateRefused | null {
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      Y.applyUpdate(copy, update);
      return this.overLimit(copy);
    } finally {
      copy.destroy();
    }
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  missingFrom(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  encodedState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  applyFrom(update: Uint8Array, origin: Peer): void {
    // The document hands its own copy of the edit to onUpdate: it is timed as the client's.
    this.applying = update;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.applying = null;
    }
  }

  /** Stored out of shape (an older server): repaired as a change of the room's own. */
  async repair(verdict: OpenVerdict): Promise<void> {
    if (verdict.repair) Y.applyUpdate(this.doc, verdict.repair, SHAPE_REPAIR);
  }

  /** Everything applied so far is stored (and sent). */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.saving;
      await current;
    } while (current !== this.saving);
    this.out.flush();
  }

  /** The wording (or what it follows) changed outside the room: fold it in now. */
  reconcile(): void {
    this.queueSave();
  }

  applyRemote(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, STORED);
  }

  applyRemoteAwareness(update: Uint8Array, from?: string): void {
    this.out.applyRemoteAwareness(update, from);
  }

  dropProcess(from: string): void {
    this.out.dropProcess(from);
  }

  leave(peer: Peer): void {
    this.out.leave(peer);
  }

  destroy(): void {
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.out.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown) {
    // A client's update is in the guard's mirror already (checked there); others are told.
    if (!isPeer(origin)) this.wordingDeps.guard?.feed(this.key, update);
    if (origin === LOADED) return;
    if (origin === STORED || origin === CORRECTION.stored || origin === CORRECTION.unstored) {
      this.out.send(update, null, origin === CORRECTION.stored);
      return;
    }
    const from = isPeer(origin) ? origin : null;
    if (from) this.noteEdit(from);
    if (this.applying) carryArrivals(update, [this.applying]);
    this.pending.push({ update, from });
    this.queueSave();
  }

  private queueSave() {
    this.saving = this.saving.then(() => this.save()).catch((e) => this.wordingDeps.onError(`storing ${this.key}`, e));
  }

  private async save(): Promise<void> {
    const batch = this.pending.splice(0);
    const parts = batch.map((b) => b.update);
    const update = parts.length === 0 ? null : parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
    // The relay latency of each edit in it still ends at this broadcast (server/observability).
    if (update && parts.length > 1) carryArrivals(update, parts);
    let synced: WordingSync | null;
    try {
      synced = await this.sync(update, batch);
    } catch (e) {
      // Not stored, so not sent: the edits wait at the front of the queue and the save is
      // tried again (with a growing pause), as the group commit does for the text.
      this.pending.unshift(...batch);
      this.failures++;
      this.wordingDeps.onError(`storing ${this.key} (attempt ${this.failures})`, e);
      const retry = setTimeout(() => this.queueSave(), Math.min(2000, 25 * 2 ** this.failures));
      retry.unref();
      return;
    }
    this.failures = 0;
    if (!synced) return;
    if (!synced.stored) {
      this.closedToEdits = true;
      this.onClosedToEdits();
    } else if (update) {
      const from = batch.every((b) => b.from === batch[0].from) ? batch[0].from : null;
      this.out.send(update, from, true);
      this.announce();
    }
    if (synced.correction) {
      // Behind the edits in the same outbox: the other processes get both in order.
      Y.applyUpdate(this.doc, synced.correction, synced.stored ? CORRECTION.stored : CORRECTION.unstored);
      this.announce();
    }
  }

  /** The pages showing the wording follow the typing, a second or two behind. */
  private announce() {
    if (this.announceTimer) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      const event = this.announcement();
      if (event) publishProcedureEvent(event);
    }, ANNOUNCE_EVERY_MS);
    this.announceTimer.unref();
  }
}
