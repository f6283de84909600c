import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { loadDocState } from '../../db/queries/doc-state';
import { draftRoomName } from '../../lib/amendments/draft-text';
import { draftShape, resolutionShape } from '../../lib/collab/document-shape';
import { readParagraphs } from '../../lib/text/ydoc';
import { log as logger } from '../log';
import { reviewAccess } from './access-review';
import type { CollabIdentity } from './authenticate';
import { Compactor } from './compactor';
import { readCollabConfig, type CollabConfig } from './config';
import { DraftRoom } from './draft-room';
import { CollabEndpoint, type Joined } from './endpoint';
import { createGroupCommitter } from './group-commit';
import { languageRoomName } from './language-room';
import { LanguageRooms } from './language-rooms';
import { LiveDocument } from './live-document';
import { localRelay, type AccessTarget, type CrossProcessRelay, type RelayListener } from './relay';
import type { Room } from './room';
import { RoomLifecycle } from './room-lifecycle';
import { createStateFolder } from './state-folder';
import { DEFAULT_PACE, eventLoopPace } from './broadcast-pace';
import { createUpdateGuard, type OpenVerdict } from './update-guard';
import { warmUpCollab } from './warm-up';
import type { CollabService, TextChangeAuthor } from './types';
import { observeCollabService } from '../observability/collab-metrics';

export interface CollabServiceOptions {
  getDb: () => Promise<Db>;
  config?: CollabConfig;
  /** Several processes (REDIS_URL): built with the listener this service gives it. */
  relay?: (listener: RelayListener) => CrossProcessRelay;
  log?: (message: string) => void;
}

/**
 * The collaboration service: the endpoint (admission, connections), three kinds of room —
 * resolution documents, draft amendments, language versions —, each with the same
 * lifecycle (room-lifecycle.ts) and the same broadcaster (room-broadcaster.ts), the
 * compaction of documents' logs, the update guard, and the relay to other processes.
 * This module only wires them together.
 */
export function createCollabService(options: CollabServiceOptions): CollabService {
  const config = options.config ?? readCollabConfig();
  const { getDb } = options;
  const log = options.log ?? ((m: string) => console.log(`[collab] ${m}`));
  const onError = (context: string, e: unknown) =>
    log(`${context} failed: ${e instanceof Error ? e.message : String(e)}`);
  const collabLog = logger('collab');
  const limits = { maxParagraphChars: config.maxParagraphChars };
  const guard = createUpdateGuard({
    timeMs: config.updateGuardMs,
    memoryMb: config.updateGuardMemoryMb,
    shapes: { resolution: resolutionShape(limits), draft: draftShape(limits) },
    onReplaced: (reason) => collabLog.warn({ reason }, 'update guard worker replaced'),
  });
  const committer = createGroupCommitter(getDb, config.groupCommitMs, (e) => onError('group commit', e));
  const folder = createStateFolder();
  const pace = eventLoopPace({
    ...DEFAULT_PACE,
    maxStretch: config.broadcastIntervalMs > 0 ? config.broadcastMaxIntervalMs / config.broadcastIntervalMs : 1,
  });

  /** Every kind of room, for what the relay says of a room by name. */
  const roomNamed = (name: string): Promise<Room> | undefined =>
    languages.get(name) ?? drafts.get(name) ?? documents.get(name);
  const listener: RelayListener = {
    remoteUpdate: (name, update) =>
      void roomNamed(name)
        ?.then((room) => room.applyRemote(update))
        .catch((e) => onError(`applying a relayed update to ${name}`, e)),
    remoteAwareness: (name, update, from) =>
      void roomNamed(name)
        ?.then((room) => room.applyRemoteAwareness(update, from))
        .catch((e) => onError(`applying relayed presence to ${name}`, e)),
    processGone(from) {
      for (const loading of [...documents.all(), ...drafts.all(), ...languages.all()])
        void loading.then((room) => room.dropProcess(from)).catch(() => {});
    },
    remoteAccessChange: (target) => void recheck(target, false),
    remoteStructureChange: (resolutionId) => languages.structureChanged(resolutionId, false),
  };
  const relay = options.relay?.(listener) ?? localRelay;
  const alone = relay === localRelay;

  const lifecycle = {
    guard,
    idleUnloadMs: config.idleUnloadMs,
    onRepair: (room: string, verdict: OpenVerdict) =>
      collabLog.warn({ room, reasons: verdict.reasons }, 'document held content outside its schema: repaired'),
  };
  const documents: RoomLifecycle<LiveDocument> = new RoomLifecycle<LiveDocument>({
    ...lifecycle,
    getDb,
    relay,
    onError,
    beforeUnload: (live) => compactor.beforeUnload(live),
  });
  const compactor = new Compactor({
    getDb,
    compactAfterUpdates: config.compactAfterUpdates,
    alone,
    serves: (live) => documents.serves(live),
    onError,
  });
  const openDocument = (resolutionId: string) =>
    documents.open(
      resolutionId,
      () =>
        new LiveDocument(resolutionId, {
          committer,
          relay,
          folder,
          maybeCompact: (live) => compactor.maybeCompact(live),
          onError,
          broadcastIntervalMs: config.broadcastIntervalMs,
          guard,
          maxDocumentBytes: config.maxDocumentBytes,
          onStructureChange: (live, relayed) => languages.structureChanged(live.resolutionId, !relayed),
          broadcastSlice: config.broadcastSlice,
          broadcastPerPeerMs: config.broadcastMicrosPerClient > 0 ? config.broadcastMicrosPerClient / 1000 : undefined,
          broadcastPace: pace,
        }),
    );

  const drafts = new RoomLifecycle<DraftRoom>({ ...lifecycle, getDb, relay, onError });
  const openDraft = (amendmentId: string) =>
    drafts.open(
      draftRoomName(amendmentId),
      () =>
        new DraftRoom(amendmentId, {
          getDb,
          relay,
          onError,
          onNoLongerDraft: (r) => void recheck({ amendmentId: r.amendmentId }, false),
          guard,
        }),
    );

  /** The original's paragraphs as they read now, for the language rooms. */
  const readOriginal = async (resolutionId: string) => {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, await service.readState(resolutionId));
      return readParagraphs(doc);
    } finally {
      doc.destroy();
    }
  };
  const languages = new LanguageRooms({
    getDb,
    relay,
    onError,
    readOriginal,
    onClosedToEdits: (room) => void recheck({ resolutionId: room.resolutionId }, false),
    guard,
    alone,
    lifecycle,
  });

  /** A resolution's text, a draft amendment's wording or a language version: the same protocol and checks. */
  const join = async (identity: CollabIdentity): Promise<Joined> => {
    if (identity.language) {
      const room = await languages.open(identity.resolutionId, identity.language);
      return { room, left: () => languages.scheduleIdle(room) };
    }
    if (identity.amendmentId) {
      const room = await openDraft(identity.amendmentId);
      return { room, left: () => drafts.scheduleIdle(room) };
    }
    const room = await openDocument(identity.resolutionId);
    return { room, left: () => documents.scheduleIdle(room) };
  };
  const endpoint = new CollabEndpoint({
    getDb,
    config,
    guard,
    // NEXTAUTH_URL may be settled only once the port is known (PORT=0): read it when asked.
    origins: () => (options.config ? config.allowedOrigins : readCollabConfig().allowedOrigins),
    join,
    onError,
    onRefused: (c, reason) =>
      collabLog.warn({ userId: c.userId, room: c.identity.room, reason }, 'message refused, socket closed (4400)'),
  });

  /** Folds outside changes into the rooms they touch, then re-checks the affected sockets. */
  const recheck = async (target: AccessTarget, publish: boolean) => {
    if (publish) relay.publishAccessChange(target);
    // A draft's or a language version's wording may have changed outside its room: folded in (stored, then sent).
    if (target.room)
      void languages
        .get(target.room)
        ?.then((room) => room.reconcile())
        .catch(() => {});
    if (target.amendmentId)
      void drafts
        .get(draftRoomName(target.amendmentId))
        ?.then((room) => room.reconcile())
        .catch(() => {});
    await reviewAccess(await getDb(), endpoint.connections, target);
  };

  const service: CollabService = {
    handleUpgrade: (req, socket, head) => endpoint.handleUpgrade(req, socket, head),

    async readState(resolutionId: string): Promise<Uint8Array> {
      const loaded = documents.get(resolutionId);
      if (loaded) return (await loaded).encodedState();
      return (await loadDocState(await getDb(), resolutionId)).update;
    },

    async changeText(resolutionId: string, change: (doc: Y.Doc) => void, author: TextChangeAuthor) {
      const live = await openDocument(resolutionId);
      try {
        return await live.changeText(change, author);
      } finally {
        documents.scheduleIdle(live);
      }
    },

    reauthorize: (resolutionId) => recheck({ resolutionId }, true),
    reauthorizeUser: (userId) => recheck({ userId }, true),
    credentialsChanged: (target) => recheck({ userId: target.userId, credentials: true }, true),
    draftChanged: (amendmentId) => recheck({ amendmentId }, true),
    accessChanged: (target) => recheck(target, false),
    async languageChanged(resolutionId, language) {
      languages.reconcile(resolutionId, language);
      await recheck({ room: languageRoomName(resolutionId, language) }, true);
    },

    stats: () => ({
      documents: documents.size + drafts.size + languages.size,
      connections: endpoint.connections.size,
      broadcastStretch: pace.stretch,
    }),

    warmUp: async () => warmUpCollab({ guard, folder, config, getDb }),

    async close() {
      unobserve();
      endpoint.closeConnections();
      compactor.close();
      pace.stop();
      await drafts.close();
      await languages.close();
      await documents.close();
      await committer.idle();
      await folder.close();
      await guard.close();
      await relay.close();
      await endpoint.close();
    },
  };
  const unobserve = observeCollabService(service.stats);
  return service;
}
