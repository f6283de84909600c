import * as Y from 'yjs';
import type { Db, Queryable } from '../../db/client';
import { snapshotLiveState } from '../../db/commands/doc-compactor';
import { loadDocState, type StoredDocState } from '../../db/queries/doc-state';
import { repairParagraphIds } from '../../lib/text/paragraph-ids';
import { newParagraphId } from '../../lib/resolution/ids';
import type { GroupCommitter } from './group-commit';
import type { CrossProcessRelay } from './relay';
import type { TextChangeAuthor } from './types';
import { EncodedState } from './encoded-state';
import type { StateFolder } from './state-folder';
import type { OpenVerdict, UpdateGuard } from './update-guard';
import { RoomBroadcaster } from './room-broadcaster';
import { isPeer, SHAPE_REPAIR, type Peer, type Room } from './room';
import { UpdateRefused } from './refusal';

export { REMOTE } from './room-broadcaster';
export { isPeer, SHAPE_REPAIR, type Peer, type SharedDocument } from './room';
export const SERVER = { userId: null, label: 'paragraph id repair' } satisfies TextChangeAuthor;

export interface LiveDocumentDeps {
  committer: GroupCommitter;
  relay: CrossProcessRelay;
  /** Where the text's batches are merged, off the relay's thread (without one: on it). */
  folder?: StateFolder;
  /** Asked after every stored batch; compaction itself runs in the background. */
  maybeCompact(doc: LiveDocument): void;
  onError(context: string, e: unknown): void;
  /** Told of every update taken without its check (relayed, made by the server): its mirror follows. */
  guard?: Pick<UpdateGuard, 'feed'>;
  /** Bytes the encoded state may reach: a client's update taking it past is refused. */
  maxDocumentBytes?: number;
  /**
   * At most one broadcast per this many milliseconds: updates stored meanwhile go out
   * merged into one message. 0 = every stored batch at once.
   */
  broadcastIntervalMs?: number;
  /**
   * After a change that may have changed the structure (language rooms follow it):
   * `relayed` when it was made (and stored) by another process.
   */
  onStructureChange?(doc: LiveDocument, relayed: boolean): void;
  /** Peers written to per turn of the event loop in a broadcast (see RoomBroadcaster). */
  broadcastSlice?: number;
  /** Wait per connected peer, up to broadcastIntervalMs (see RoomBroadcaster); unset = fixed interval. */
  broadcastPerPeerMs?: number;
  /** Stretches the broadcast wait while the thread is saturated (see broadcast-pace.ts). */
  broadcastPace?: { readonly stretch: number };
}

/** What an unchanged text returns from changeText: an update with nothing in it. */
const NO_CHANGE = new Uint8Array([0, 0]);

/**
 * One resolution's text in memory: its encoded state, who is connected, and the rule that
 * a change is stored before it is relayed. Local changes (from a socket, or from the API
 * via changeText) go through the group commit and then out to every other connection and
 * process, in the order they were taken in. Changes from another process were stored
 * there and go straight out. The text is kept encoded (EncodedState): relaying, storing
 * and answering sync never need a Y.Doc; reading or changing it through the API, or
 * repairing paragraph ids, makes one for the occasion.
 */
export class LiveDocument implements Room {
  readonly shape = 'resolution';
  private text = new EncodedState();
  private readonly out: RoomBroadcaster;
  /** Stored updates since the last compaction (including the tail found at load). */
  storedSinceCompaction = 0;
  /** Highest log sequence number known to be in this document (loaded or stored from here). */
  storedUpToSeq = 0;
  /** Settles when every change applied so far is stored and relayed. */
  private relayed: Promise<void> = Promise.resolve();
  private repairTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly resolutionId: string,
    private readonly deps: LiveDocumentDeps,
  ) {
    this.out = new RoomBroadcaster(resolutionId, {
      relay: deps.relay,
      intervalMs: deps.broadcastIntervalMs,
      slice: deps.broadcastSlice,
      perPeerMs: deps.broadcastPerPeerMs,
      pace: deps.broadcastPace,
    });
  }

  get peers(): Set<Peer> {
    return this.out.peers;
  }

  get awareness() {
    return this.out.awareness;
  }

  get follows(): readonly string[] {
    return [this.resolutionId];
  }

  async load(db: Queryable): Promise<void> {
    this.loadStored(await loadDocState(db, this.resolutionId));
  }

  /**
   * The stored state (snapshot and log tail) becomes the document. Updates relayed from
   * another process while it loaded are kept: Yjs merges in any order.
   */
  loadStored(stored: StoredDocState): void {
    const meanwhile = this.text.encoded();
    this.text = this.encodedText(stored.update);
    if (meanwhile.byteLength > 2) this.text.add(meanwhile);
    this.storedSinceCompaction = stored.tailLength;
    this.storedUpToSeq = stored.upToSeq;
  }

  get room(): string {
    return this.resolutionId;
  }

  /** A client's update that would take the document past its size bound is refused. */
  vet(update: Uint8Array): UpdateRefused | null {
    const max = this.deps.maxDocumentBytes;
    if (max === undefined) return null;
    const size = this.text.byteLength + update.byteLength;
    return size > max
      ? new UpdateRefused(`the document would reach ${size} bytes; the limit is ${max}`, 'document_too_large')
      : null;
  }

  /** The repair of a document stored out of shape: stored and relayed like any change. */
  takeRepair(update: Uint8Array): Promise<void> {
    this.take(update, SHAPE_REPAIR);
    return this.relayed;
  }

  /**
   * A document stored out of shape: repaired by a change of its own, or, when no update can
   * repair it, replaced by the clean state, stored as the new snapshot.
   */
  async repair(verdict: OpenVerdict, db: Db): Promise<void> {
    if (verdict.replace) {
      this.replaceState(verdict.replace);
      await snapshotLiveState(db, this.resolutionId, this.compactedState(), this.storedUpToSeq);
    }
    if (verdict.repair) await this.takeRepair(verdict.repair);
  }

  /**
   * A document that no update can repair (dependencies missing from its stored state)
   * becomes the clean state given; the caller stores it as the new snapshot.
   */
  replaceState(clean: Uint8Array): void {
    this.text = this.encodedText(clean);
  }

  private encodedText(state: Uint8Array): EncodedState {
    return new EncodedState(
      state,
      (e) => this.deps.onError(`merging an update into ${this.resolutionId}`, e),
      this.deps.folder,
    );
  }

  stateVector(): Uint8Array {
    return this.text.stateVector();
  }

  missingFrom(stateVector: Uint8Array): Uint8Array {
    return this.text.missingFrom(stateVector);
  }

  /** The same, worked out off the relay's thread when there is a folder. */
  missingFromElsewhere(stateVector: Uint8Array): Promise<Uint8Array> {
    return this.text.missingFromElsewhere(stateVector);
  }

  /** The whole state as one update. */
  encodedState(): Uint8Array {
    return this.text.encoded();
  }

  /** The whole state without the content of deleted items: what a snapshot stores. */
  compactedState(): Uint8Array {
    return this.text.collected();
  }

  /**
   * The same, made off the relay's thread when there is a folder: it holds at least every
   * change taken before the call (re-encoding a large text would stall the relay).
   */
  snapshotState(): Promise<Uint8Array> {
    return this.text.collectedElsewhere();
  }

  /** Bytes the text holds in memory. */
  get byteLength(): number {
    return this.text.byteLength;
  }

  applyFrom(update: Uint8Array, origin: Peer): void {
    this.take(update, origin);
  }

  /** Everything applied so far is stored (and relayed): a new client may now sync. */
  async settled(): Promise<void> {
    await this.relayed;
    this.out.flush();
  }

  /**
   * Applies a change made outside a socket as one transaction attributed to `author`, on a
   * Y.Doc made from the current state; the update it makes is taken in like a client's.
   */
  async changeText(change: (doc: Y.Doc) => void, author: TextChangeAuthor): Promise<Uint8Array> {
    const doc = this.text.toDoc();
    let made: Uint8Array | null = null;
    try {
      doc.on('update', (update: Uint8Array) => (made = made ? Y.mergeUpdates([made, update]) : update));
      doc.transact(() => change(doc), author);
    } finally {
      doc.destroy();
    }
    if (made) this.take(made, author);
    await this.relayed;
    return made ?? NO_CHANGE;
  }

  applyRemote(update: Uint8Array): void {
    const { added, structural } = this.text.add(update);
    if (!added) return;
    this.deps.guard?.feed(this.resolutionId, update);
    this.out.send(update, null, false);
    if (structural) this.deps.onStructureChange?.(this, true);
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
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.out.destroy();
  }

  /**
   * A change made here: into the state, stored, then sent to the peers and other
   * processes. One that brings nothing new (a reconnect repeating what is here) is dropped.
   */
  private take(update: Uint8Array, origin: Peer | TextChangeAuthor) {
    const { added, structural } = this.text.add(update);
    if (!added) return;
    const from = isPeer(origin) ? origin : null;
    // A client's update is in the guard's mirror already (checked there); others are told.
    if (!from) this.deps.guard?.feed(this.resolutionId, update);
    const stored = this.deps.committer.store({ resolutionId: this.resolutionId, update, userId: origin.userId });
    this.relayed = this.relayed
      .then(() => stored)
      .then(
        (seq) => {
          this.storedSinceCompaction++;
          this.storedUpToSeq = Math.max(this.storedUpToSeq, seq);
          this.out.send(update, from, true);
          this.deps.maybeCompact(this);
          if (structural) this.deps.onStructureChange?.(this, false);
        },
        (e) => this.deps.onError(`storing an update of ${this.resolutionId}`, e),
      );
    // Typing into a paragraph cannot duplicate or drop a paragraph id; new elements,
    // attributes and deletions can.
    if (structural && origin !== SERVER) this.scheduleIdRepair();
  }

  /** Debounced: a burst of edits costs one look at the paragraph list, not one per key. */
  private scheduleIdRepair() {
    if (this.repairTimer) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      this.changeText((doc) => repairParagraphIds(doc, newParagraphId, SERVER), SERVER).catch((e) =>
        this.deps.onError(`repairing paragraph ids of ${this.resolutionId}`, e),
      );
    }, 250);
    this.repairTimer.unref();
  }
}
