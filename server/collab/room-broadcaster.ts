import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwarenessMessage, encodeUpdateMessage } from './protocol';
import { broadcastStarting } from '../observability/collab-metrics';
import { RemotePresence } from './remote-presence';
import type { CrossProcessRelay } from './relay';
import { isPeer, type Peer } from './room';

/** Presence relayed by another process (the awareness origin): not published again. */
export const REMOTE = Symbol('relayed by another process');

/** Renewals are relayed this often; clients drop a state only after 30 s without one. */
const RENEWAL_MS = 2000;

export interface BroadcasterOptions {
  relay: CrossProcessRelay;
  /**
   * At most one broadcast per this many milliseconds: updates ready meanwhile go out
   * merged into one message. 0 = as soon as the current turn of the event loop ends.
   * With `perPeerMs`, this is the longest wait.
   */
  intervalMs?: number;
  /**
   * Milliseconds of wait per connected peer, up to `intervalMs`: what a broadcast costs
   * grows with the peers it is written to (a write on this thread and a read on each
   * client's), so a room of a few dozen sends each update almost at once while a room of a
   * thousand merges them for the whole interval. Unset = always `intervalMs`.
   */
  perPeerMs?: number;
  /**
   * Peers written to per turn of the event loop when a broadcast reaches more than this
   * many; the rest follow on the next turns (in order: a peer never gets a later message
   * before an earlier one). 0 = every peer at once. Writing one message to a thousand
   * sockets is a thousand system calls: in one go, it holds up everything else the relay's
   * thread does.
   */
  slice?: number;
  /** Stretches the wait while the process's thread is saturated (server/collab/broadcast-pace.ts). */
  pace?: { readonly stretch: number };
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * What a room sends: its stored updates and its presence, to its peers and to the other
 * processes, one copy for resolutions, draft amendments and language versions.
 *
 * Sending one message to every peer is the relay's main cost (a frame and a write per
 * peer, and as much again for each client to receive it), so updates that become ready
 * close together go out as one merged update: the first after a quiet spell leaves at once
 * (after the rest of its stored batch), later ones wait for the interval. Presence is
 * batched the same way, and mere renewals (same state, newer clock: every client sends one
 * every 15 s) go out together every RENEWAL_MS, since with a thousand clients renewals alone
 * would otherwise fill nearly every window.
 */
export class RoomBroadcaster {
  readonly peers = new Set<Peer>();
  /** Presence has a Y.Doc of its own (awareness needs one); it holds no text. */
  private readonly presenceDoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.presenceDoc);
  /** Which process relayed each remote presence entry. */
  private readonly remotePresence = new RemotePresence(this.awareness, REMOTE);
  /** Stored (or relayed from another process) but not yet sent to the peers. */
  private outbox: Uint8Array[] = [];
  /** The peer every update in the outbox came from, if it is only one (it is not sent its own). */
  private outboxFrom: Peer | null = null;
  /** The outbox's updates made in this process (only those go to the other processes). */
  private outboxLocal: Uint8Array[] = [];
  /** Presence entries changed since the last broadcast, and those changed in this process. */
  private awarenessOutbox = new Set<number>();
  private awarenessLocal = new Set<number>();
  private renewals = new Set<number>();
  private renewalsLocal = new Set<number>();
  private renewalTimer: NodeJS.Timeout | null = null;
  /** Set by the awareness 'change' event, which fires just before 'update'. */
  private reallyChanged = new Set<number>();
  private flushTimer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  /** Broadcasts still being written, oldest first, each to its peers as they were when it started. */
  private sending: {
    message: Uint8Array;
    except: Peer | null;
    peers: Peer[];
    next: number;
    /** Called once the last peer has been written to. */
    written?: () => void;
  }[] = [];
  private sendTimer: NodeJS.Immediate | null = null;
  private lastBroadcast = 0;

  constructor(
    private readonly room: string,
    private readonly options: BroadcasterOptions,
  ) {
    // The server has no local presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('change', ({ added, updated, removed }: AwarenessChange) => {
      for (const id of [...added, ...updated, ...removed]) this.reallyChanged.add(id);
    });
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
  }

  /**
   * An update that is stored: to every peer but `from`, and (when `local`, made in this
   * process) to the other processes.
   */
  send(update: Uint8Array, from: Peer | null, local: boolean): void {
    this.outboxFrom = this.outbox.length === 0 ? from : this.outboxFrom === from ? from : null;
    this.outbox.push(update);
    if (local) this.outboxLocal.push(update);
    this.scheduleFlush();
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

  /** Sends what the outboxes hold: to the peers (encoded once) and to the other processes. */
  flush(): void {
    this.cancelFlush();
    if (this.awarenessOutbox.size) {
      const changed = [...this.awarenessOutbox];
      const local = [...this.awarenessLocal];
      this.awarenessOutbox.clear();
      this.awarenessLocal.clear();
      // Everyone, the sender included: the stock client treats any message as a sign of life.
      this.broadcast(encodeAwarenessMessage(this.awareness, changed), null);
      if (local.length)
        this.options.relay.publishAwareness(this.room, awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
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
    this.broadcast(encodeUpdateMessage(update), from, broadcastStarting(updates, this.peers, from));
    if (local.length)
      this.options.relay.publishUpdate(this.room, local.length === 1 ? local[0] : Y.mergeUpdates(local));
  }

  destroy(): void {
    // What was being broadcast still goes out (closing sockets send what they were given).
    this.writeSlices(Number.POSITIVE_INFINITY);
    this.cancelFlush();
    if (this.renewalTimer) clearTimeout(this.renewalTimer);
    this.awareness.destroy();
    this.presenceDoc.destroy();
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
    const states = this.awareness.getStates();
    const ids = [...this.renewals].filter((id) => states.has(id));
    const local = [...this.renewalsLocal].filter((id) => states.has(id));
    this.renewals.clear();
    this.renewalsLocal.clear();
    if (ids.length) this.broadcast(encodeAwarenessMessage(this.awareness, ids), null);
    if (local.length)
      this.options.relay.publishAwareness(this.room, awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
  }

  private scheduleFlush() {
    if (this.flushTimer) return;
    const wait = this.lastBroadcast + this.interval() - performance.now();
    // setImmediate: the other updates of the same stored batch are enqueued in the
    // promise callbacks that run before it.
    this.flushTimer = wait > 0 ? setTimeout(() => this.flush(), wait) : setImmediate(() => this.flush());
  }

  /** How long after the last broadcast started the next may start. */
  private interval(): number {
    const longest = this.options.intervalMs ?? 0;
    const perPeer = this.options.perPeerMs;
    const wait = perPeer === undefined ? longest : Math.min(longest, perPeer * this.peers.size);
    return wait * (this.options.pace?.stretch ?? 1);
  }

  private cancelFlush() {
    if (!this.flushTimer) return;
    clearTimeout(this.flushTimer as NodeJS.Timeout);
    clearImmediate(this.flushTimer as NodeJS.Immediate);
    this.flushTimer = null;
  }

  private broadcast(message: Uint8Array, except: Peer | null, written?: () => void) {
    const slice = this.options.slice ?? 0;
    if (slice <= 0 || (this.sending.length === 0 && this.peers.size <= slice)) {
      for (const peer of this.peers) if (peer !== except) peer.send(message);
      written?.();
      return;
    }
    this.sending.push({ message, except, peers: [...this.peers], next: 0, written });
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
      if (b.next >= b.peers.length) {
        this.sending.shift();
        b.written?.();
      }
    }
    if (this.sending.length > 0) this.sendTimer = setImmediate(() => this.writeSlices(this.options.slice ?? 0));
  }
}
