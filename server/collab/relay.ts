/**
 * What a live document sends to, and hears from, the other Concord processes serving the
 * same resolutions (REDIS_URL). Without it (one process) the local relay does nothing.
 */
export interface CrossProcessRelay {
  /** An update this process stored, for the other processes' clients. */
  publishUpdate(resolutionId: string, update: Uint8Array): void;
  publishAwareness(resolutionId: string, update: Uint8Array): void;
  /** A role or stage change every process must act on. */
  publishAccessChange(target: AccessTarget): void;
  /**
   * The original's structure changed here (paragraphs inserted, deleted, moved): processes
   * holding one of its language rooms (following `structureKey`) fold it in at once.
   */
  publishStructureChange(resolutionId: string): void;
  /**
   * Start hearing about a room (on load) and stop (on unload). Counted: a key followed twice
   * (two language rooms of one resolution follow its structure) is heard until both stop.
   */
  follow(resolutionId: string): Promise<void>;
  unfollow(resolutionId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Whose sockets to re-check: a resolution's (stage), a user's (role), or a draft
 * amendment's room (tabled, co-sponsors changed, wording changed through the API).
 */
export interface AccessTarget {
  /** A room by name (a language version's: "<resolution id>/<language>"). */
  room?: string;
  resolutionId?: string;
  userId?: string;
  /** With userId: the user's credentials changed (signed out, token revoked): re-check what each socket was opened with. */
  credentials?: boolean;
  amendmentId?: string;
}

export interface RelayListener {
  remoteUpdate(resolutionId: string, update: Uint8Array): void;
  /** Presence from another process (`from`: its id, to drop its clients' entries should it die). */
  remoteAwareness(resolutionId: string, update: Uint8Array, from?: string): void;
  remoteAccessChange(target: AccessTarget): void;
  /** Another process changed the structure of a resolution whose `structureKey` this one follows. */
  remoteStructureChange?(resolutionId: string): void;
  /** A process stopped being heard from (crashed): the presence it relayed is removed. */
  processGone?(from: string): void;
}

export const localRelay: CrossProcessRelay = {
  publishUpdate() {},
  publishAwareness() {},
  publishAccessChange() {},
  publishStructureChange() {},
  async follow() {},
  async unfollow() {},
  async close() {},
};

const STRUCTURE = 'structure/';

/** The relay key on which a resolution's structure changes are heard (by its language rooms). */
export const structureKey = (resolutionId: string) => `${STRUCTURE}${resolutionId}`;

/** The resolution a structure key names, or null for any other key. */
export const structureOf = (key: string): string | null =>
  key.startsWith(STRUCTURE) ? key.slice(STRUCTURE.length) : null;
