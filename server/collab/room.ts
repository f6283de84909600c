import type * as awarenessProtocol from 'y-protocols/awareness';
import type { Db } from '../../db/client';
import type { TextChangeAuthor } from './types';
import type { OpenVerdict } from './update-guard';
import type { UpdateRefused } from './refusal';

/** What a room needs to know about a connection. */
export interface Peer {
  readonly userId: string;
  send(message: Uint8Array): void;
  /** Awareness client ids this connection introduced (removed when it leaves). */
  readonly awarenessIds: Set<number>;
}

/** What a connection needs of the room it serves (a resolution, a draft amendment, a language version). */
export interface SharedDocument {
  /** The room name (a resolution id, "amendment/<id>", "<resolution id>/<language>"): also the guard's and the relay's key. */
  readonly room: string;
  readonly awareness: awarenessProtocol.Awareness;
  /** Everything applied so far is stored: a new client may now sync. */
  settled(): Promise<void>;
  /** For sync step 1. */
  stateVector(): Uint8Array;
  /** For sync step 2: what a client with `stateVector` is missing. */
  missingFrom(stateVector: Uint8Array): Uint8Array;
  /** The same, worked out off the relay's thread where the room can (a large text). */
  missingFromElsewhere?(stateVector: Uint8Array): Promise<Uint8Array>;
  /** Applies a client's update (stored, then relayed). */
  applyFrom(update: Uint8Array, origin: Peer): void;
  /** Why an update is refused before it is applied, or null to take it. */
  vet?(update: Uint8Array): UpdateRefused | null;
}

/** A room as the lifecycle (room-lifecycle.ts) and the relay's listener see it. */
export interface Room extends SharedDocument {
  readonly peers: Set<Peer>;
  /** The guard's document shape ("resolution" or "draft"). */
  readonly shape: string;
  /** Relay keys to hear while the room is loaded (its own name first). */
  readonly follows: readonly string[];
  load(db: Db): Promise<void>;
  /** The whole state as one update (the guard's mirror is made from it). */
  encodedState(): Uint8Array;
  /** Brings a room stored out of shape (by an older server) back into it, as a change of its own. */
  repair(verdict: OpenVerdict, db: Db): Promise<void>;
  /** An update stored by another process. */
  applyRemote(update: Uint8Array): void;
  applyRemoteAwareness(update: Uint8Array, from?: string): void;
  /** Another process died: the presence entries it relayed go. */
  dropProcess(from: string): void;
  leave(peer: Peer): void;
  destroy(): void;
}

/** The author of the change that brings a document stored by an older server back into shape. */
export const SHAPE_REPAIR = {
  userId: null,
  label: 'content outside the editor’s schema removed',
} satisfies TextChangeAuthor;

export function isPeer(origin: unknown): origin is Peer {
  return typeof origin === 'object' && origin !== null && 'awarenessIds' in origin && 'send' in origin;
}
