import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';
import type { AccessTarget } from './relay';

/** Who changed the text outside a socket (an adopted amendment, a technical correction). */
export interface TextChangeAuthor {
  userId: string | null;
  /** Shown in the history, e.g. "A/3 adopted". */
  label: string;
}

/**
 * The live documents of this process. Lives on globalThis (see getCollabService): route
 * handlers bundled by Next and the custom server must change the same Y.Doc.
 */
export interface CollabService {
  /** Takes the upgrade when the path is /collab/…; false leaves it to Next. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** The full current state (live document when loaded, else the stored state). */
  readState(resolutionId: string): Promise<Uint8Array>;
  /**
   * Changes the live text in one Yjs transaction: stored first, then relayed to every
   * client. Returns the update it produced (empty when nothing changed).
   */
  changeText(resolutionId: string, change: (doc: Y.Doc) => void, author: TextChangeAuthor): Promise<Uint8Array>;
  /** Re-checks every socket of a resolution (stage changed): downgrade or close within 2 s. */
  reauthorize(resolutionId: string): Promise<void>;
  /** Re-checks every socket of a user (role changed or removed). */
  reauthorizeUser(userId: string): Promise<void>;
  /**
   * A user's credentials changed (signed out, a session ended, an API token revoked): every
   * socket of theirs opened with a credential that no longer holds closes with 4401, on
   * every process; until it is checked, nothing it sends is handled.
   */
  credentialsChanged(target: { userId: string }): Promise<void>;
  /**
   * A draft amendment changed outside its room (wording through the API, tabled,
   * withdrawn, co-sponsors changed): its wording is folded into the room and its sockets
   * re-checked, on every process.
   */
  draftChanged(amendmentId: string): Promise<void>;
  /**
   * A language version's wordings changed outside its room (the API, an import) or it was
   * published: folded into the room `<resolution id>/<language>` and its sockets re-checked.
   */
  languageChanged?(resolutionId: string, language: string): Promise<void>;
  /**
   * Something another process did that every server hears for itself (PostgreSQL NOTIFY from
   * the CLI, server/events/outside-events.ts): this process's sockets are re-checked, and
   * nothing is relayed on.
   */
  accessChanged(target: AccessTarget): Promise<void>;
  /**
   * Runs the relay's hot path on scratch data (server/collab/warm-up.ts), so that the first
   * clients are not served by a cold process. Call once before listening.
   */
  warmUp(): Promise<{ guardMs: number; relayMs: number; folderMs: number; databaseMs: number }>;
  /** Live numbers for logs and benchmarks. */
  stats(): { documents: number; connections: number; broadcastStretch: number };
  close(): Promise<void>;
}
