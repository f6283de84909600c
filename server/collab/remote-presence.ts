import * as awarenessProtocol from 'y-protocols/awareness';

/**
 * Presence entries relayed from other processes, remembered by the process that sent them,
 * so that when a process stops beating (crash, SIGKILL) its clients leave every room at
 * once instead of lingering for y-protocols' 30-second timeout. One copy for every kind of
 * room: resolution documents, draft amendments and language versions.
 */
export class RemotePresence {
  private readonly owners = new Map<number, string>();
  private from: string | null = null;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    /** The origin the room gives relayed changes, to tell them apart in its 'update' listener. */
    private readonly origin: unknown,
  ) {}

  /** Applies a relayed presence update from process `from`. */
  apply(update: Uint8Array, from?: string): void {
    this.from = from ?? null;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, this.origin);
    } finally {
      this.from = null;
    }
  }

  /** Called from the room's awareness listener for changes with the relayed origin. */
  noteChange(added: number[], updated: number[], removed: number[]): void {
    if (this.from) for (const id of added.concat(updated)) this.owners.set(id, this.from);
    for (const id of removed) this.owners.delete(id);
  }

  /** Another process died: the presence entries it relayed go (and the local clients hear it). */
  dropProcess(from: string): void {
    const ids = [...this.owners].filter(([, owner]) => owner === from).map(([id]) => id);
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, this.origin);
  }
}
