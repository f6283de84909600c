import type * as Y from 'yjs';
import type { Db } from '../../db/client';
import { syncLanguageRoom } from '../../db/commands/language-room-store';
import { readParagraphs } from '../../lib/text/ydoc';
import type { Paragraph } from '../../lib/resolution/types';
import type { ProcedureEvent } from '../procedure-events';
import { structureKey } from './relay';
import { WordingRoom, type PendingEdit, type WordingRoomDeps, type WordingSync } from './wording-room';
import { UpdateRefused } from './refusal';

/** A paragraph's wording may not grow past what the API accepts; nor the whole version past a text's size. */
export const LANGUAGE_PARAGRAPH_MAX_CHARS = 20_000;
export const LANGUAGE_VERSION_MAX_CHARS = 2_000_000;

/** The collaboration room of a language version (also its relay key): "<resolution id>/<language>". */
export const languageRoomName = (resolutionId: string, language: string) => `${resolutionId}/${language}`;

export interface LanguageRoomDeps extends WordingRoomDeps {
  getDb(): Promise<Db>;
  /** The original's paragraphs as they read now (the live document when it is served). */
  readOriginal(resolutionId: string): Promise<Paragraph[]>;
  /** The version stopped taking edits (published as official): its sockets are re-checked. */
  onClosedToEdits(room: LanguageRoom): void;
}

/**
 * One language version being translated live, on the collaboration endpoint as room
 * `<resolution id>/<language>`: the same protocol, presence and limits as the original,
 * with the original's editor schema. Each save runs under the version's row lock
 * (db/commands/language-room-store.ts) and also keeps the original's structure, so a change
 * of structure in the original (`reconcile`, told by this process or relayed from another
 * one on the original's structure channel) reaches every translator at once.
 */
export class LanguageRoom extends WordingRoom {
  /** A version has the original's shape. */
  readonly shape = 'resolution';
  readonly follows: readonly string[];

  constructor(
    readonly resolutionId: string,
    readonly language: string,
    private readonly deps: LanguageRoomDeps,
  ) {
    super(languageRoomName(resolutionId, language), deps);
    this.follows = [this.key, structureKey(resolutionId)];
  }

  async load(): Promise<void> {
    const synced = await syncLanguageRoom(
      await this.deps.getDb(),
      { resolutionId: this.resolutionId, language: this.language },
      { update: null, original: await this.deps.readOriginal(this.resolutionId), editorId: null, wantState: true },
    );
    if (!synced.state) throw new Error(`no "${this.language}" version of ${this.resolutionId}`);
    this.loaded(synced.state, synced.stored);
  }

  protected overLimit(copy: Y.Doc): UpdateRefused | null {
    let total = 0;
    for (const p of readParagraphs(copy)) {
      if (p.text.length > LANGUAGE_PARAGRAPH_MAX_CHARS)
        return new UpdateRefused(
          `a paragraph would be ${p.text.length} characters long; the limit is ${LANGUAGE_PARAGRAPH_MAX_CHARS}`,
          'paragraph_too_long',
        );
      total += p.text.length;
    }
    return total > LANGUAGE_VERSION_MAX_CHARS
      ? new UpdateRefused(`the version would be ${total} characters long`, 'document_too_large')
      : null;
  }

  protected async sync(update: Uint8Array | null, batch: PendingEdit[]): Promise<WordingSync> {
    const editor = batch.find((b) => b.from)?.from?.userId ?? null;
    return syncLanguageRoom(
      await this.deps.getDb(),
      { resolutionId: this.resolutionId, language: this.language },
      { update, original: await this.deps.readOriginal(this.resolutionId), editorId: editor },
    );
  }

  protected onClosedToEdits(): void {
    this.deps.onClosedToEdits(this);
  }

  /** The side-by-side view and the counts follow the typing. */
  protected announcement(): ProcedureEvent {
    return { resolutionId: this.resolutionId, type: 'language.changed', data: { language: this.language, live: true } };
  }
}
