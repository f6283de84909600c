import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { RemotePresence } from './remote-presence';
import type { Db } from '../../db/client';
import { syncLanguageRoom, type LanguageRoomSync } from '../../db/commands/language-room-store';
import { readParagraphs } from '../../lib/text/ydoc';
import type { Paragraph } from '../../lib/resolution/types';
import type { CrossProcessRelay } from './relay';
import { isPeer, type Peer, type SharedDocument } from './live-document';
import { encodeAwarenessMessage, encodeUpdateMessage } from './protocol';
import { publishProcedureEvent } from '../procedure-events';
import type { UpdateGuard } from './update-guard';

const LOADED = Symbol('loaded from the database');
const STORED = Symbol('stored elsewhere');

/** A paragraph's wording may not grow past what the API accepts; nor the whole version past a text's size. */
export const LANGUAGE_PARAGRAPH_MAX_CHARS = 20_000;
export const LANGUAGE_VERSION_MAX_CHARS = 2_000_000;
/** Pages showing the version's statuses hear of live edits this often. */
const ANNOUNCE_EVERY_MS = 1500;

/** The collaboration room of a language version (also its relay key): "<resolution id>/<language>". */
export const languageRoomName = (resolutionId: string, language: string) => `${resolutionId}/${language}`;

export interface LanguageRoomDeps {
  getDb(): Promise<Db>;
  relay: CrossProcessRelay;
  onError(context: string, e: unknown): void;
  /** The original's paragraphs as they read now (the live document when it is served). */
  readOriginal(resolutionId: string): Promise<Paragraph[]>;
  /** The version stopped taking edits (published as official): its sockets are re-checked. */
  onClosedToEdits(room: LanguageRoom): void;
  /** Checks clients' updates against the original's schema; told of every other change. */
  guard?: Pick<UpdateGuard, 'open' | 'feed' | 'forget'>;
}

/**
 * One language version being translated live, on the collaboration endpoint as room
 * `<resolution id>/<language>`: the same protocol, presence and limits as the original,
 * with the original's editor schema. Like a draft amendment's room (draft-room.ts): edits
 * that arrive while a save runs are merged into the next one, each save runs under the
 * version's row lock (db/commands/language-room-store.ts) and only then do the edits go
 * out: stored before relayed. The save also keeps the original's structure, so a change of
 * structure in the original (`reconcile`) reaches every translator at once.
 */
export class LanguageRoom implements SharedDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly remotePresence = new RemotePresence(this.awareness, STORED);
  readonly peers = new Set<Peer>();
  readonly key: string;
  private pending: { update: Uint8Array; from: Peer | null }[] = [];
  private saving: Promise<void> = Promise.resolve();
  private announceTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  closedToEdits = false;

  constructor(
    readonly resolutionId: string,
    readonly language: string,
    private readonly deps: LanguageRoomDeps,
  ) {
    this.key = languageRoomName(resolutionId, language);
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
    const synced = await syncLanguageRoom(
      await this.deps.getDb(),
      { resolutionId: this.resolutionId, language: this.language },
      { update: null, original: await this.deps.readOriginal(this.resolutionId), editorId: null, wantState: true },
    );
    if (!synced.state) throw new Error(`no "${this.language}" version of ${this.resolutionId}`);
    Y.applyUpdate(this.doc, synced.state, LOADED);
    this.closedToEdits = !synced.stored;
  }

  /** Refuses an update that would take a paragraph or the version past the limits, tried on a copy. */
  vet(update: Uint8Array): string | null {
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      Y.applyUpdate(copy, update);
      let total = 0;
      for (const p of readParagraphs(copy)) {
        if (p.text.length > LANGUAGE_PARAGRAPH_MAX_CHARS)
          return `a paragraph would be ${p.text.length} characters long; the limit is ${LANGUAGE_PARAGRAPH_MAX_CHARS}`;
        total += p.text.length;
      }
      return total > LANGUAGE_VERSION_MAX_CHARS ? `the version would be ${total} characters long` : null;
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

  applyFrom(update: Uint8Array, origin: Peer): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.saving;
      await current;
    } while (current !== this.saving);
  }

  /** The original's structure, or a wording, changed outside the room: fold it in now. */
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

  get room(): string {
    return this.key;
  }

  private onUpdate(update: Uint8Array, origin: unknown) {
    // A client's update is in the guard's mirror already (checked there); others are told.
    if (!isPeer(origin)) this.deps.guard?.feed(this.key, update);
    if (origin === LOADED) return;
    if (origin === STORED) {
      this.broadcast(encodeUpdateMessage(update), null);
      return;
    }
    this.pending.push({ update, from: isPeer(origin) ? origin : null });
    this.queueSave();
  }

  private queueSave() {
    this.saving = this.saving
      .then(() => this.save())
      .catch((e) => this.deps.onError(`storing the ${this.key} language version`, e));
  }

  private async save(): Promise<void> {
    const batch = this.pending.splice(0);
    const update =
      batch.length === 0 ? null : batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update));
    const editor = batch.find((b) => b.from)?.from?.userId ?? null;
    let synced: LanguageRoomSync;
    try {
      synced = await syncLanguageRoom(
        await this.deps.getDb(),
        { resolutionId: this.resolutionId, language: this.language },
        { update, original: await this.deps.readOriginal(this.resolutionId), editorId: editor },
      );
    } catch (e) {
      // Not stored, so not sent: the edits wait and the save is tried again, as for drafts.
      this.pending.unshift(...batch);
      this.failures++;
      this.deps.onError(`storing the ${this.key} language version (attempt ${this.failures})`, e);
      const retry = setTimeout(() => this.queueSave(), Math.min(2000, 25 * 2 ** this.failures));
      retry.unref();
      return;
    }
    this.failures = 0;
    if (!synced.stored) {
      this.closedToEdits = true;
      this.deps.onClosedToEdits(this);
    } else if (update) {
      const from = batch.every((b) => b.from === batch[0].from) ? batch[0].from : null;
      this.broadcast(encodeUpdateMessage(update), from);
      this.deps.relay.publishUpdate(this.key, update);
      this.announce();
    }
    if (synced.correction) {
      if (synced.stored) this.deps.relay.publishUpdate(this.key, synced.correction);
      Y.applyUpdate(this.doc, synced.correction, STORED);
      this.announce();
    }
  }

  /** The side-by-side view and the counts follow the typing, a second or two behind. */
  private announce() {
    if (this.announceTimer) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      publishProcedureEvent({
        resolutionId: this.resolutionId,
        type: 'language.changed',
        data: { language: this.language, live: true },
      });
    }, ANNOUNCE_EVERY_MS);
    this.announceTimer.unref();
  }

  private broadcast(message: Uint8Array, except: Peer | null) {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }
}
