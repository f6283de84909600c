import type { Db } from '../../db/client';
import type { CrossProcessRelay } from './relay';
import type { Room } from './room';
import type { OpenVerdict, UpdateGuard } from './update-guard';

export interface RoomLifecycleDeps<R extends Room> {
  getDb(): Promise<Db>;
  relay: CrossProcessRelay;
  guard: Pick<UpdateGuard, 'open' | 'forget'>;
  /** A room with no connection is unloaded after this long. */
  idleUnloadMs: number;
  onError(context: string, e: unknown): void;
  /** A room was stored out of shape (by an older server): said before it is repaired. */
  onRepair?(room: string, verdict: OpenVerdict): void;
  /** Runs once the room is settled and before it is destroyed (a document's last compaction). */
  beforeUnload?(room: R): Promise<void>;
}

/**
 * The rooms of one kind held by this process (resolution documents, draft amendments or
 * language versions), by name: each is loaded once however many connections ask for it at
 * the same moment, unloaded when it has had no connection for a while, and settled (all it
 * took stored and sent) before it is destroyed. A room being unloaded is awaited before the
 * same room is loaded again, so its last writes are never overtaken.
 *
 * Loading follows the room's relay keys first: an update relayed while the stored state
 * loads is applied after it (Yjs merges in any order), never missed.
 */
export class RoomLifecycle<R extends Room> {
  /** Loaded (or loading) rooms. */
  private readonly rooms = new Map<string, Promise<R>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idle = new Map<string, NodeJS.Timeout>();
  private closing = false;

  constructor(private readonly deps: RoomLifecycleDeps<R>) {}

  /** The room `name`, loaded by `create()`'s room on first asking. */
  open(name: string, create: () => R): Promise<R> {
    this.cancelIdle(name);
    const existing = this.rooms.get(name);
    if (existing) return existing;
    const loading = this.load(name, create);
    this.rooms.set(name, loading);
    loading.catch(() => {
      if (this.rooms.get(name) === loading) this.rooms.delete(name);
    });
    return loading;
  }

  /** The room if it is loaded or loading; never loads it. */
  get(name: string): Promise<R> | undefined {
    return this.rooms.get(name);
  }

  /** Every loaded or loading room. */
  all(): Promise<R>[] {
    return [...this.rooms.values()];
  }

  /** Loaded rooms whose name passes `test`. */
  matching(test: (name: string) => boolean): Promise<R>[] {
    return [...this.rooms].filter(([name]) => test(name)).map(([, room]) => room);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Is `room` the one served under its name (not unloaded or replaced)? */
  async serves(room: R): Promise<boolean> {
    return (await this.rooms.get(room.room)?.catch(() => null)) === room;
  }

  /** The room's last connection left: it is unloaded unless one comes back in time. */
  scheduleIdle(room: R): void {
    if (room.peers.size > 0 || this.closing) return;
    this.cancelIdle(room.room);
    const timer = setTimeout(() => void this.unload(room), this.deps.idleUnloadMs);
    timer.unref();
    this.idle.set(room.room, timer);
  }

  /** Stops unloading; settles and destroys every room. */
  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.idle.values()) clearTimeout(t);
    this.idle.clear();
    const rooms = await Promise.all(this.all().map((p) => p.catch(() => null)));
    await Promise.all(rooms.map((r) => r?.settled()));
    await Promise.all([...this.unloading.values()]);
    for (const r of rooms) r?.destroy();
    this.rooms.clear();
  }

  private async load(name: string, create: () => R): Promise<R> {
    await this.unloading.get(name);
    const room = create();
    const followed: string[] = [];
    try {
      for (const key of room.follows) {
        await this.deps.relay.follow(key);
        followed.push(key);
      }
      const db = await this.deps.getDb();
      await room.load(db);
      const verdict = await this.deps.guard.open(name, room.shape, () => room.encodedState());
      if (verdict.reasons.length) this.deps.onRepair?.(name, verdict);
      if (verdict.repair || verdict.replace) await room.repair(verdict, db);
      return room;
    } catch (e) {
      for (const key of followed) await this.deps.relay.unfollow(key).catch(() => {});
      this.deps.guard.forget(name);
      room.destroy();
      throw e;
    }
  }

  private cancelIdle(name: string) {
    clearTimeout(this.idle.get(name));
    this.idle.delete(name);
  }

  private async unload(room: R): Promise<void> {
    const name = room.room;
    this.idle.delete(name);
    if (room.peers.size > 0 || !(await this.serves(room))) return;
    this.rooms.delete(name);
    const done = (async () => {
      await room.settled();
      await this.deps.beforeUnload?.(room);
      for (const key of room.follows)
        await this.deps.relay.unfollow(key).catch((e) => this.deps.onError('unfollowing', e));
      this.deps.guard.forget(name);
      room.destroy();
    })();
    this.unloading.set(name, done);
    await done.catch((e) => this.deps.onError(`unloading ${name}`, e)).finally(() => this.unloading.delete(name));
  }
}
