import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Queryable } from '../../db/client';
import { loadDocState } from '../../db/queries/doc-state';
import { repairParagraphIds } from '../../lib/text/paragraph-ids';
import { newParagraphId } from '../../lib/resolution/ids';
import type { GroupCommitter } from './group-commit';
import type { CrossProcessRelay } from './relay';
import type { TextChangeAuthor } from './types';
import { encodeAwarenessMessage, encodeUpdateMessage } from './protocol';

/** Where a change came from, as the Yjs transaction origin. */
export const LOADED = Symbol('loaded from the database');
export const REMOTE = Symbol('relayed by another process');
export const SERVER = { userId: null, label: 'paragraph id repair' } satisfies TextChangeAuthor;

/** What a live document needs to know about a connection. */
export interface Peer {
  readonly userId: string;
  send(message: Uint8Array): void;
  /** Awareness client ids this connection introduced (removed when it leaves). */
  readonly awarenessIds: Set<number>;
}

export interface LiveDocumentDeps {
  committer: GroupCommitter;
  relay: CrossProcessRelay;
  /** Asked after every stored batch; compaction itself runs in the background. */
  maybeCompact(doc: LiveDocument): void;
  onError(context: string, e: unknown): void;
}

/**
 * One resolution's text in memory: the Y.Doc, who is connected, and the rule that a change
 * is stored before it is relayed. Local changes (from a socket, or from the API via
 * changeText) go through the group commit and then out to every other connection and
 * process, in the order they were applied. Changes from another process were stored there
 * and go straight out.
 */
export class LiveDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  /** Stored updates since the last compaction (including the tail found at load). */
  storedSinceCompaction = 0;
  /** Settles when every change applied so far is stored and relayed. */
  private relayed: Promise<void> = Promise.resolve();
  private repairTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly resolutionId: string,
    private readonly deps: LiveDocumentDeps,
  ) {
    // The server has no local presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
  }

  async load(db: Queryable): Promise<void> {
    const stored = await loadDocState(db, this.resolutionId);
    Y.applyUpdate(this.doc, stored.update, LOADED);
    this.storedSinceCompaction = stored.tailLength;
  }

  /** Everything applied so far is stored (and relayed): a new client may now sync. */
  settled(): Promise<void> {
    return this.relayed;
  }

  /** Applies a change made outside a socket as one transaction attributed to `author`. */
  async changeText(change: (doc: Y.Doc) => void, author: TextChangeAuthor): Promise<Uint8Array> {
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => change(this.doc), author);
    const update = Y.encodeStateAsUpdate(this.doc, before);
    await this.relayed;
    return update;
  }

  applyRemote(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE);
  }

  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  leave(peer: Peer): void {
    this.peers.delete(peer);
    if (peer.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
  }

  destroy(): void {
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown) {
    if (origin === LOADED) return;
    const message = encodeUpdateMessage(update);
    if (origin === REMOTE) {
      this.broadcast(message, null);
      return;
    }
    const from = isPeer(origin) ? origin : null;
    const userId = from ? from.userId : ((origin as TextChangeAuthor | null)?.userId ?? null);
    const stored = this.deps.committer.store({ resolutionId: this.resolutionId, update, userId });
    this.relayed = this.relayed
      .then(() => stored)
      .then(
        () => {
          this.storedSinceCompaction++;
          this.broadcast(message, from);
          this.deps.relay.publishUpdate(this.resolutionId, update);
          this.deps.maybeCompact(this);
        },
        (e) => this.deps.onError(`storing an update of ${this.resolutionId}`, e),
      );
    this.scheduleIdRepair();
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown) {
    const changed = added.concat(updated, removed);
    if (isPeer(origin)) {
      for (const id of added) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
    }
    // Everyone, the sender included: the stock client treats any message as a sign of life.
    this.broadcast(encodeAwarenessMessage(this.awareness, changed), null);
    if (origin !== REMOTE) {
      this.deps.relay.publishAwareness(this.resolutionId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }
  }

  private broadcast(message: Uint8Array, except: Peer | null) {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }

  /** Debounced: a burst of typing costs one scan of the paragraph list, not one per key. */
  private scheduleIdRepair() {
    if (this.repairTimer) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      try {
        repairParagraphIds(this.doc, newParagraphId, SERVER);
      } catch (e) {
        this.deps.onError(`repairing paragraph ids of ${this.resolutionId}`, e);
      }
    }, 250);
    this.repairTimer.unref();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function isPeer(origin: unknown): origin is Peer {
  return typeof origin === 'object' && origin !== null && 'awarenessIds' in origin && 'send' in origin;
}
