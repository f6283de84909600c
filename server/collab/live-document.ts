import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { RemotePresence } from './remote-presence';
import type { Queryable } from '../../db/client';
import { loadDocState, type StoredDocState } from '../../db/queries/doc-state';
import { repairParagraphIds } from '../../lib/text/paragraph-ids';
import { newParagraphId } from '../../lib/resolution/ids';
import type { GroupCommitter } from './group-commit';
import type { CrossProcessRelay } from './relay';
import type { TextChangeAuthor } from './types';
import { encodeAwarenessMessage, encodeUpdateMessage } from './protocol';
import { EncodedState } from './encoded-state';
import type { UpdateGuard } from './update-guard';

/** Presence relayed by another process (the awareness origin): not published again. */
export const REMOTE = Symbol('relayed by another process');
export const SERVER = { userId: null, label: 'paragraph id repair' } satisfies TextChangeAuthor;
/** The author of the change that brings a document stored by an older server back into shape. */
export const SHAPE_REPAIR = {
  userId: null,
  label: 'content outside the editor’s schema removed',
} satisfies TextChangeAuthor;

/** What a live document needs to know about a connection. */
export interface Peer {
  readonly userId: string;
  send(message: Uint8Array): void;
  /** Awareness client ids this connection introduced (removed when it leaves). */
  readonly awarenessIds: Set<number>;
}

/** What a connection needs of the document it serves (a resolution, or a draft amendment). */
export interface SharedDocument {
  /** The room name (a resolution id, or "amendment/<id>"): also the guard's and the relay's key. */
  readonly room: string;
  readonly awareness: awarenessProtocol.Awareness;
  /** Everything applied so far is stored: a new client may now sync. */
  settled(): Promise<void>;
  /** For sync step 1. */
  stateVector(): Uint8Array;
  /** For sync step 2: what a client with `stateVector` is missing. */
  missingFrom(stateVector: Uint8Array): Uint8Array;
  /** Applies a client's update (stored, then relayed). */
  applyFrom(update: Uint8Array, origin: Peer): void;
  /** A reason to refuse an update before it is applied, or null to take it. */
  vet?(update: Uint8Array): string | null;
}

export interface LiveDocumentDeps {
  committer: GroupCommitter;
  relay: CrossProcessRelay;
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
  /** After a stored change that may have changed the structure (language rooms follow it). */
  onStructureChange?(doc: LiveDocument): void;
  /**
   * Peers written to per turn of the event loop when a broadcast reaches more than this
   * many; the rest follow on the next turns (in order: a peer never gets a later message
   * before an earlier one). 0 = every peer at once. Writing one message to a thousand
   * sockets is a thousand system calls, 13–40 ms on the benchmark machine: in one go, it
   * holds up everything else the relay's thread does.
   */
  broadcastSlice?: number;
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
export class LiveDocument implements SharedDocument {
  private text = new EncodedState();
  /** Presence has a Y.Doc of its own (awareness needs one); it holds no text. */
  private readonly presenceDoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.presenceDoc);
  readonly peers = new Set<Peer>();
  /** Stored updates since the last compaction (including the tail found at load). */
  storedSinceCompaction = 0;
  /** Highest log sequence number known to be in this document (loaded or stored from here). */
  storedUpToSeq = 0;
  /** Settles when every change applied so far is stored and relayed. */
  private relayed: Promise<void> = Promise.resolve();
  private repairTimer: NodeJS.Timeout | null = null;
  /** Stored (or relayed from another process) but not yet sent to the peers. */
  private outbox: Uint8Array[] = [];
  /** The peer every update in the outbox came from, if it is only one (it is not sent its own). */
  private outboxFrom: Peer | null = null;
  /** The outbox's updates made in this process (only those go to the other processes). */
  private outboxLocal: Uint8Array[] = [];
  /** Presence entries changed since the last broadcast, and those changed in this process. */
  private awarenessOutbox = new Set<number>();
  private awarenessLocal = new Set<number>();
  /**
   * Presence entries that were only renewed (same state, newer clock: every client does it
   * every 15 s). They go out together every RENEWAL_MS instead of one broadcast per window:
   * with a thousand clients renewals alone would otherwise fill nearly every window.
   */
  private renewals = new Set<number>();
  private renewalsLocal = new Set<number>();
  private renewalTimer: NodeJS.Timeout | null = null;
  /** Set by the awareness 'change' event, which fires just before 'update'. */
  private reallyChanged = new Set<number>();
  private flushTimer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  /** Broadcasts still being written, oldest first, each to its peers as they were when it started. */
  private sending: { message: Uint8Array; except: Peer | null; peers: Peer[]; next: number }[] = [];
  private sendTimer: NodeJS.Immediate | null = null;
  /** Which process relayed each remote presence entry, and the process of the entry being applied. */
  private readonly remotePresence = new RemotePresence(this.awareness, REMOTE);
  private lastBroadcast = 0;

  constructor(
    readonly resolutionId: string,
    private readonly deps: LiveDocumentDeps,
  ) {
    // The server has no local presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('change', ({ added, updated, removed }: AwarenessChange) => {
      for (const id of [...added, ...updated, ...removed]) this.reallyChanged.add(id);
    });
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
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
    this.text = new EncodedState(stored.update, (e) =>
      this.deps.onError(`merging an update into ${this.resolutionId}`, e),
    );
    if (meanwhile.byteLength > 2) this.text.add(meanwhile);
    this.storedSinceCompaction = stored.tailLength;
    this.storedUpToSeq = stored.upToSeq;
  }

  get room(): string {
    return this.resolutionId;
  }

  /** A client's update that would take the document past its size bound is refused. */
  vet(update: Uint8Array): string | null {
    const max = this.deps.maxDocumentBytes;
    if (max === undefined) return null;
    const size = this.text.byteLength + update.byteLength;
    return size > max ? `the document would reach ${size} bytes; the limit is ${max}` : null;
  }

  /** The repair of a document stored out of shape: stored and relayed like any change. */
  takeRepair(update: Uint8Array): Promise<void> {
    this.take(update, SHAPE_REPAIR);
    return this.relayed;
  }

  /**
   * A document that no update can repair (dependencies missing from its stored state)
   * becomes the clean state given; the caller stores it as the new snapshot.
   */
  replaceState(clean: Uint8Array): void {
    this.text = new EncodedState(clean, (e) => this.deps.onError(`merging an update into ${this.resolutionId}`, e));
  }

  stateVector(): Uint8Array {
    return this.text.stateVector();
  }

  missingFrom(stateVector: Uint8Array): Uint8Array {
    return this.text.missingFrom(stateVector);
  }

  /** The whole state as one update. */
  encodedState(): Uint8Array {
    return this.text.encoded();
  }

  /** The whole state without the content of deleted items: what a snapshot stores. */
  compactedState(): Uint8Array {
    return this.text.collected();
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
    this.flush();
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
    if (this.text.add(update).added) {
      this.deps.guard?.feed(this.resolutionId, update);
      this.enqueue(update, null, false);
    }
  }

  applyRemoteAwareness(update: Uint8Array, from?: string): void {
    this.remotePresence.apply(update, from);
  }

  /** Another process died: the presence entries it relayed go (and the local clients hear it). */
  dropProcess(from: string): void {
    this.remotePresence.dropProcess(from);
  }

  leave(peer: Peer): void {
    this.peers.delete(peer);
    if (peer.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
  }

  destroy(): void {
    // What was being broadcast still goes out (closing sockets send what they were given).
    this.writeSlices(Number.POSITIVE_INFINITY);
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.cancelFlush();
    if (this.renewalTimer) clearTimeout(this.renewalTimer);
    this.awareness.destroy();
    this.presenceDoc.destroy();
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
          this.enqueue(update, from, true);
          this.deps.maybeCompact(this);
          if (structural) this.deps.onStructureChange?.(this);
        },
        (e) => this.deps.onError(`storing an update of ${this.resolutionId}`, e),
      );
    // Typing into a paragraph cannot duplicate or drop a paragraph id; new elements,
    // attributes and deletions can.
    if (structural && origin !== SERVER) this.scheduleIdRepair();
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown) {
    const changed = added.concat(updated, removed);
    if (isPeer(origin)) {
      for (const id of added) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
    }
    if (origin === REMOTE) this.remotePresence.noteChange(added, updated, removed);
    // Batched like text updates: clients that joined together renew their presence
    // together, and one message per renewal per peer would stall the relay.
    let urgent = false;
    for (const id of changed) {
      if (this.reallyChanged.has(id)) {
        urgent = true;
        this.renewals.delete(id);
        this.renewalsLocal.delete(id);
        this.awarenessOutbox.add(id);
        if (origin !== REMOTE) this.awarenessLocal.add(id);
      } else {
        this.renewals.add(id);
        if (origin !== REMOTE) this.renewalsLocal.add(id);
      }
    }
    this.reallyChanged.clear();
    if (urgent) this.scheduleFlush();
    if (this.renewals.size && !this.renewalTimer) {
      this.renewalTimer = setTimeout(() => this.flushRenewals(), RENEWAL_MS);
      this.renewalTimer.unref();
    }
  }

  private flushRenewals() {
    this.renewalTimer = null;
    if (!this.renewals.size) return;
    const ids = [...this.renewals].filter((id) => this.awareness.getStates().has(id));
    const local = [...this.renewalsLocal].filter((id) => this.awareness.getStates().has(id));
    this.renewals.clear();
    this.renewalsLocal.clear();
    if (ids.length) this.broadcast(encodeAwarenessMessage(this.awareness, ids), null);
    if (local.length)
      this.deps.relay.publishAwareness(
        this.resolutionId,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, local),
      );
  }

  /**
   * Sending one message to every peer is the relay's main cost (a frame and a write per
   * peer, and as much again for each client to receive it), so updates that become ready
   * close together go out as one merged update: the first after a quiet spell leaves at
   * once (after the rest of its stored batch), later ones wait for the interval. Under
   * load, frames per peer stay bounded instead of following the keystroke rate.
   */
  private enqueue(update: Uint8Array, from: Peer | null, local: boolean) {
    this.outboxFrom = this.outbox.length === 0 ? from : this.outboxFrom === from ? from : null;
    this.outbox.push(update);
    if (local) this.outboxLocal.push(update);
    this.scheduleFlush();
  }

  private scheduleFlush() {
    if (this.flushTimer) return;
    const wait = this.lastBroadcast + (this.deps.broadcastIntervalMs ?? 0) - performance.now();
    // setImmediate: the other updates of the same stored batch are enqueued in the
    // promise callbacks that run before it.
    this.flushTimer = wait > 0 ? setTimeout(() => this.flush(), wait) : setImmediate(() => this.flush());
  }

  /** Sends what the outboxes hold: to the peers (encoded once) and to the other processes. */
  private flush() {
    this.cancelFlush();
    if (this.awarenessOutbox.size) {
      const changed = [...this.awarenessOutbox];
      const local = [...this.awarenessLocal];
      this.awarenessOutbox.clear();
      this.awarenessLocal.clear();
      // Everyone, the sender included: the stock client treats any message as a sign of life.
      this.broadcast(encodeAwarenessMessage(this.awareness, changed), null);
      if (local.length)
        this.deps.relay.publishAwareness(
          this.resolutionId,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, local),
        );
    }
    if (this.outbox.length === 0) return;
    const updates = this.outbox;
    const from = this.outboxFrom;
    const local = this.outboxLocal;
    this.outbox = [];
    this.outboxFrom = null;
    this.outboxLocal = [];
    this.lastBroadcast = performance.now();
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
    // A merged update from several peers goes to all, senders included, like the
    // reference server does with every update: Yjs ignores what a client already has.
    this.broadcast(encodeUpdateMessage(update), from);
    if (local.length)
      this.deps.relay.publishUpdate(this.resolutionId, local.length === 1 ? local[0] : Y.mergeUpdates(local));
  }

  private cancelFlush() {
    if (!this.flushTimer) return;
    clearTimeout(this.flushTimer as NodeJS.Timeout);
    clearImmediate(this.flushTimer as NodeJS.Immediate);
    this.flushTimer = null;
  }

  private broadcast(message: Uint8Array, except: Peer | null) {
    const slice = this.deps.broadcastSlice ?? 0;
    if (slice <= 0 || (this.sending.length === 0 && this.peers.size <= slice)) {
      for (const peer of this.peers) if (peer !== except) peer.send(message);
      return;
    }
    this.sending.push({ message, except, peers: [...this.peers], next: 0 });
    if (!this.sendTimer) this.writeSlices(slice);
  }

  /** Writes the pending broadcasts to at most `budget` peers, and schedules the rest. */
  private writeSlices(budget: number) {
    if (this.sendTimer) clearImmediate(this.sendTimer);
    this.sendTimer = null;
    while (this.sending.length > 0 && budget > 0) {
      const b = this.sending[0];
      const end = Math.min(b.peers.length, b.next + budget);
      for (let i = b.next; i < end; i++) if (b.peers[i] !== b.except) b.peers[i].send(b.message);
      budget -= end - b.next;
      b.next = end;
      if (b.next >= b.peers.length) this.sending.shift();
    }
    if (this.sending.length > 0) this.sendTimer = setImmediate(() => this.writeSlices(this.deps.broadcastSlice ?? 0));
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

/** Renewals are relayed this often; clients drop a state only after 30 s without one. */
const RENEWAL_MS = 2000;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export function isPeer(origin: unknown): origin is Peer {
  return typeof origin === 'object' && origin !== null && 'awarenessIds' in origin && 'send' in origin;
}
