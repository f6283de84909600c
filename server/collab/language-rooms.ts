import { LanguageRoom, languageRoomName, type LanguageRoomDeps } from './language-room';
import { RoomLifecycle, type RoomLifecycleDeps } from './room-lifecycle';

export interface LanguageRoomsDeps extends LanguageRoomDeps {
  lifecycle: Omit<RoomLifecycleDeps<LanguageRoom>, 'relay' | 'getDb' | 'onError'>;
  /** One process alone: nobody else to tell of a structure change. */
  alone: boolean;
}

/** After a structural change of the original, its language rooms follow within this. */
const FOLLOW_STRUCTURE_MS = 50;

/**
 * The language rooms of this process (`<resolution id>/<language>`), and how they follow
 * the original's structure: a change of it made here is folded into the rooms here and
 * told to the other processes (on the resolution's structure key, which each process
 * holding one of its language rooms follows), batched per resolution.
 */
export class LanguageRooms {
  private readonly rooms: RoomLifecycle<LanguageRoom>;
  /** Resolutions whose structure changed within the batch, and whether the change was made here. */
  private readonly following = new Map<string, { timer: NodeJS.Timeout; madeHere: boolean }>();

  constructor(private readonly deps: LanguageRoomsDeps) {
    this.rooms = new RoomLifecycle({ ...deps.lifecycle, getDb: deps.getDb, relay: deps.relay, onError: deps.onError });
  }

  open(resolutionId: string, language: string): Promise<LanguageRoom> {
    return this.rooms.open(
      languageRoomName(resolutionId, language),
      () => new LanguageRoom(resolutionId, language, this.deps),
    );
  }

  scheduleIdle(room: LanguageRoom): void {
    this.rooms.scheduleIdle(room);
  }

  get(name: string): Promise<LanguageRoom> | undefined {
    return this.rooms.get(name);
  }

  all(): Promise<LanguageRoom>[] {
    return this.rooms.all();
  }

  get size(): number {
    return this.rooms.size;
  }

  /**
   * The original's structure changed: here (`madeHere`, also told to the other processes),
   * or in another process (relayed with its update, or told on the structure key).
   */
  structureChanged(resolutionId: string, madeHere: boolean): void {
    const pending = this.following.get(resolutionId);
    if (pending) {
      pending.madeHere ||= madeHere;
      return;
    }
    const tell = madeHere && !this.deps.alone;
    if (!tell && this.openOf(resolutionId).length === 0) return;
    const timer = setTimeout(() => {
      const batch = this.following.get(resolutionId);
      this.following.delete(resolutionId);
      if (batch?.madeHere && !this.deps.alone) this.deps.relay.publishStructureChange(resolutionId);
      for (const room of this.openOf(resolutionId)) void room.then((r) => r.reconcile()).catch(() => {});
    }, FOLLOW_STRUCTURE_MS);
    timer.unref();
    this.following.set(resolutionId, { timer, madeHere });
  }

  /** A wording changed through the API: fold it into the open room. */
  reconcile(resolutionId: string, language: string): void {
    void this.rooms
      .get(languageRoomName(resolutionId, language))
      ?.then((r) => r.reconcile())
      .catch(() => {});
  }

  async close(): Promise<void> {
    for (const { timer } of this.following.values()) clearTimeout(timer);
    this.following.clear();
    await this.rooms.close();
  }

  private openOf(resolutionId: string) {
    return this.rooms.matching((name) => name.startsWith(`${resolutionId}/`));
  }
}
