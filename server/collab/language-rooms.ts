import * as Y from 'yjs';
import type { Db } from '../../db/client';
import type { UpdateGuard } from './update-guard';
import type { Paragraph } from '../../lib/resolution/types';
import { LanguageRoom, languageRoomName } from './language-room';
import type { CrossProcessRelay } from './relay';

export interface LanguageRoomsDeps {
  getDb(): Promise<Db>;
  relay: CrossProcessRelay;
  onError(context: string, e: unknown): void;
  readOriginal(resolutionId: string): Promise<Paragraph[]>;
  idleUnloadMs: number;
  /** A room stopped taking edits (published): its sockets are re-checked. */
  onClosedToEdits(room: LanguageRoom): void;
  /** Checks clients' updates against the original's schema (a version has the same shape). */
  guard?: Pick<UpdateGuard, 'open' | 'feed' | 'forget'>;
}

/** After a structural change of the original, its open language rooms follow within this. */
const FOLLOW_STRUCTURE_MS = 50;

/**
 * The language rooms of this process (`<resolution id>/<language>`): opened on the first
 * connection, unloaded when idle, and told when the original's structure (or a wording,
 * through the API) changed. Kept apart from the service so the original's rooms do not
 * carry the languages' concerns.
 */
export function createLanguageRooms(deps: LanguageRoomsDeps) {
  const rooms = new Map<string, Promise<LanguageRoom>>();
  const idle = new Map<string, NodeJS.Timeout>();
  const following = new Map<string, NodeJS.Timeout>();

  const open = (resolutionId: string, language: string): Promise<LanguageRoom> => {
    const key = languageRoomName(resolutionId, language);
    clearTimeout(idle.get(key));
    idle.delete(key);
    const existing = rooms.get(key);
    if (existing) return existing;
    const loading = (async () => {
      const room = new LanguageRoom(resolutionId, language, deps);
      await deps.relay.follow(key);
      await room.load();
      const verdict = await deps.guard?.open(key, 'resolution', () => Y.encodeStateAsUpdate(room.doc));
      // Stored out of shape (an older server): repaired as a change of the room's own.
      if (verdict?.repair) Y.applyUpdate(room.doc, verdict.repair, null);
      return room;
    })();
    rooms.set(key, loading);
    loading.catch(() => rooms.delete(key));
    return loading;
  };

  const scheduleIdle = (room: LanguageRoom, closing: boolean) => {
    if (room.peers.size > 0 || closing) return;
    clearTimeout(idle.get(room.key));
    const timer = setTimeout(async () => {
      idle.delete(room.key);
      if (room.peers.size > 0 || (await rooms.get(room.key)) !== room) return;
      rooms.delete(room.key);
      await room.settled();
      await deps.relay.unfollow(room.key).catch((e) => deps.onError('unfollowing', e));
      deps.guard?.forget(room.key);
      room.destroy();
    }, deps.idleUnloadMs);
    timer.unref();
    idle.set(room.key, timer);
  };

  const openOf = (resolutionId: string) =>
    [...rooms.entries()].filter(([key]) => key.startsWith(`${resolutionId}/`)).map(([, room]) => room);

  return {
    open,
    scheduleIdle,
    get: (key: string) => rooms.get(key),
    all: () => [...rooms.values()],
    size: () => rooms.size,
    /** The original changed its structure: every open version of it follows (batched). */
    followStructure(resolutionId: string) {
      if (following.has(resolutionId) || openOf(resolutionId).length === 0) return;
      const timer = setTimeout(() => {
        following.delete(resolutionId);
        for (const room of openOf(resolutionId)) void room.then((r) => r.reconcile()).catch(() => {});
      }, FOLLOW_STRUCTURE_MS);
      timer.unref();
      following.set(resolutionId, timer);
    },
    /** A wording changed through the API: fold it into the open room. */
    reconcile(resolutionId: string, language: string) {
      void rooms
        .get(languageRoomName(resolutionId, language))
        ?.then((r) => r.reconcile())
        .catch(() => {});
    },
    async close() {
      for (const t of idle.values()) clearTimeout(t);
      for (const t of following.values()) clearTimeout(t);
      const open = await Promise.all([...rooms.values()].map((p) => p.catch(() => null)));
      await Promise.all(open.map((r) => r?.settled()));
      for (const r of open) r?.destroy();
      rooms.clear();
    },
  };
}
