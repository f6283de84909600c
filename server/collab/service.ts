import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Db } from '../../db/client';
import { loadDocState } from '../../db/queries/doc-state';
import { compactDocument, snapshotLiveState } from '../../db/commands/doc-compactor';
import {
  admit,
  credentialHolds,
  identityAccess,
  presenceOf,
  type Admission,
  type CollabIdentity,
} from './authenticate';
import { CloseCode } from '../../lib/collab/close-codes';
import { readCollabConfig, type CollabConfig } from './config';
import { Connection } from './connection';
import { createGroupCommitter } from './group-commit';
import { LiveDocument, SHAPE_REPAIR, type Peer, type SharedDocument } from './live-document';
import { DraftRoom } from './draft-room';
import { draftRoomName } from '../../lib/amendments/draft-text';
import { createLanguageRooms } from './language-rooms';
import { languageRoomName } from './language-room';
import * as YDoc from 'yjs';
import { readParagraphs } from '../../lib/text/ydoc';
import { localRelay, type AccessTarget, type CrossProcessRelay, type RelayListener } from './relay';
import { createUpdateGuard, type OpenVerdict } from './update-guard';
import { draftShape, resolutionShape } from '../../lib/collab/document-shape';
import { log as logger } from '../log';
import { warmUpCollab } from './warm-up';
import type { CollabService, TextChangeAuthor } from './types';

export interface CollabServiceOptions {
  getDb: () => Promise<Db>;
  config?: CollabConfig;
  /** Several processes (REDIS_URL): built with the listener this service gives it. */
  relay?: (listener: RelayListener) => CrossProcessRelay;
  log?: (message: string) => void;
}

/**
 * The collaboration endpoint, /collab/<resolution id>: admission (before any Yjs byte is
 * read), the live documents with their load / idle unload / compaction lifecycle, and the
 * connections. Each concern lives in its own module; this one wires them together.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createCollabService(options: CollabServiceOptions): CollabService {
  const config = options.config ?? readCollabConfig();
  const log = options.log ?? ((m: string) => console.log(`[collab] ${m}`));
  const onError = (context: string, e: unknown) =>
    log(`${context} failed: ${e instanceof Error ? e.message : String(e)}`);
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes });
  const limits = { maxParagraphChars: config.maxParagraphChars };
  const collabLog = logger('collab');
  const guard = createUpdateGuard({
    timeMs: config.updateGuardMs,
    memoryMb: config.updateGuardMemoryMb,
    shapes: { resolution: resolutionShape(limits), draft: draftShape(limits) },
    onReplaced: (reason) => collabLog.warn({ reason }, 'update guard worker replaced'),
  });
  const onRefused = (c: Connection, reason: string) =>
    collabLog.warn({ userId: c.userId, room: c.identity.room, reason }, 'message refused, socket closed (4400)');
  /** A document stored out of shape (by an older server) is repaired as it is loaded. */
  const reportRepair = (room: string, verdict: OpenVerdict) => {
    if (verdict.reasons.length)
      collabLog.warn({ room, reasons: verdict.reasons }, 'document held content outside its schema: repaired');
  };
  const committer = createGroupCommitter(options.getDb, config.groupCommitMs, (e) => onError('group commit', e));

  /** Loaded (or loading) documents; an unloading one is awaited before it is reopened. */
  const documents = new Map<string, Promise<LiveDocument>>();
  const unloading = new Map<string, Promise<void>>();
  const idleTimers = new Map<string, NodeJS.Timeout>();
  const compacting = new Set<string>();
  const connections = new Set<Connection>();
  let closing = false;
  // NEXTAUTH_URL may be settled only once the port is known (PORT=0): read it when asked.
  const currentOrigins = () => (options.config ? config.allowedOrigins : readCollabConfig().allowedOrigins);

  const listener: RelayListener = {
    remoteUpdate(id, update) {
      const language = languages.get(id);
      if (language)
        return void language
          .then((room) => room.applyRemote(update))
          .catch((e) => onError('applying a relayed language update', e));
      if (drafts.has(id))
        return void drafts
          .get(id)!
          .then((room) => room.applyRemote(update))
          .catch((e) => onError('applying a relayed draft update', e));
      void documents
        .get(id)
        ?.then((live) => live.applyRemote(update))
        .catch((e) => onError('applying a relayed update', e));
    },
    remoteAwareness(id, update, from) {
      const language = languages.get(id);
      if (language)
        return void language
          .then((room) => room.applyRemoteAwareness(update, from))
          .catch((e) => onError('applying relayed language presence', e));
      if (drafts.has(id))
        return void drafts
          .get(id)!
          .then((room) => room.applyRemoteAwareness(update, from))
          .catch((e) => onError('applying relayed draft presence', e));
      void documents
        .get(id)
        ?.then((live) => live.applyRemoteAwareness(update, from))
        .catch((e) => onError('applying relayed presence', e));
    },
    processGone(from) {
      for (const loading of [...documents.values(), ...drafts.values(), ...languages.all()])
        void loading.then((room) => room.dropProcess(from)).catch(() => {});
    },
    remoteAccessChange(target) {
      void recheck(target, false);
    },
  };
  const relay = options.relay?.(listener) ?? localRelay;

  /** The original's paragraphs as they read now, for the language rooms. */
  const readOriginal = async (resolutionId: string) => {
    const doc = new YDoc.Doc();
    try {
      YDoc.applyUpdate(doc, await service.readState(resolutionId));
      return readParagraphs(doc);
    } finally {
      doc.destroy();
    }
  };
  /** Language versions being translated live: rooms "<resolution id>/<language>". */
  const languages = createLanguageRooms({
    getDb: options.getDb,
    relay,
    onError,
    readOriginal,
    idleUnloadMs: config.idleUnloadMs,
    onClosedToEdits: (room) => void recheck({ resolutionId: room.resolutionId }, false),
    guard,
  });

  /** Draft amendments being co-edited, by room name ("amendment/<id>"). */
  const drafts = new Map<string, Promise<DraftRoom>>();
  const draftIdle = new Map<string, NodeJS.Timeout>();
  const openDraft = (amendmentId: string): Promise<DraftRoom> => {
    const key = draftRoomName(amendmentId);
    clearTimeout(draftIdle.get(key));
    draftIdle.delete(key);
    const existing = drafts.get(key);
    if (existing) return existing;
    const loading = (async () => {
      const room = new DraftRoom(amendmentId, {
        getDb: options.getDb,
        relay,
        onError,
        onNoLongerDraft: (r) => void recheck({ amendmentId: r.amendmentId }, false),
        guard,
      });
      await relay.follow(key);
      await room.load();
      const verdict = await guard.open(key, 'draft', () => Y.encodeStateAsUpdate(room.doc));
      reportRepair(key, verdict);
      // Taken as a change of the room's own: stored, then sent to everyone.
      if (verdict.repair) Y.applyUpdate(room.doc, verdict.repair, SHAPE_REPAIR);
      return room;
    })();
    drafts.set(key, loading);
    loading.catch(() => drafts.delete(key));
    return loading;
  };
  const scheduleDraftIdle = (room: DraftRoom) => {
    if (room.peers.size > 0 || closing) return;
    clearTimeout(draftIdle.get(room.key));
    const timer = setTimeout(async () => {
      draftIdle.delete(room.key);
      if (room.peers.size > 0 || (await drafts.get(room.key)) !== room) return;
      drafts.delete(room.key);
      await room.settled();
      await relay.unfollow(room.key).catch((e) => onError('unfollowing', e));
      guard.forget(room.key);
      room.destroy();
    }, config.idleUnloadMs);
    timer.unref();
    draftIdle.set(room.key, timer);
  };

  /**
   * Compaction waits for a quiet second: under a burst of typing a compaction (a database
   * write holding up the group commits behind it) would add its time to every update in
   * flight. A tail that grows past 20 × the threshold is compacted regardless, so opening
   * stays cheap even in a session that never pauses.
   */
  const quietTimers = new Map<string, NodeJS.Timeout>();
  const maybeCompact = (live: LiveDocument) => {
    const id = live.resolutionId;
    if (live.storedSinceCompaction < config.compactAfterUpdates || compacting.has(id)) return;
    const pending = quietTimers.get(id);
    if (pending) clearTimeout(pending);
    quietTimers.delete(id);
    if (live.storedSinceCompaction >= config.compactAfterUpdates * 20) {
      void compact(id, live);
      return;
    }
    const timer = setTimeout(async () => {
      quietTimers.delete(id);
      // Only the document still being served: an unloaded one was compacted on its way out.
      if ((await documents.get(id)?.catch(() => null)) === live && !compacting.has(id)) void compact(id, live);
    }, 1000);
    timer.unref();
    quietTimers.set(id, timer);
  };

  const compact = async (resolutionId: string, live?: LiveDocument) => {
    compacting.add(resolutionId);
    const counted = live?.storedSinceCompaction ?? 0;
    try {
      if (live && relay === localRelay) {
        // Alone: the live document is complete up to what it stored (see snapshotLiveState).
        await live.settled();
        await snapshotLiveState(await options.getDb(), resolutionId, live.compactedState(), live.storedUpToSeq);
      } else {
        await compactDocument(await options.getDb(), resolutionId);
      }
      if (live) live.storedSinceCompaction = Math.max(0, live.storedSinceCompaction - counted);
    } catch (e) {
      onError(`compacting ${resolutionId}`, e);
    } finally {
      compacting.delete(resolutionId);
    }
  };

  const open = (resolutionId: string): Promise<LiveDocument> => {
    cancelIdle(resolutionId);
    const existing = documents.get(resolutionId);
    if (existing) return existing;
    const loading = (async () => {
      await unloading.get(resolutionId);
      const live = new LiveDocument(resolutionId, {
        committer,
        relay,
        maybeCompact,
        onError,
        broadcastIntervalMs: config.broadcastIntervalMs,
        guard,
        maxDocumentBytes: config.maxDocumentBytes,
        onStructureChange: (doc) => languages.followStructure(doc.resolutionId),
        broadcastSlice: config.broadcastSlice,
      });
      // Follow first: an update relayed while the stored state loads is applied after it
      // (Yjs merges in any order), never missed.
      await relay.follow(resolutionId);
      const db = await options.getDb();
      await live.load(db);
      const verdict = await guard.open(resolutionId, 'resolution', () => live.encodedState());
      reportRepair(resolutionId, verdict);
      if (verdict.replace) {
        live.replaceState(verdict.replace);
        await snapshotLiveState(db, resolutionId, live.compactedState(), live.storedUpToSeq);
      }
      if (verdict.repair) await live.takeRepair(verdict.repair);
      return live;
    })();
    documents.set(resolutionId, loading);
    loading.catch(() => documents.delete(resolutionId));
    return loading;
  };

  const cancelIdle = (resolutionId: string) => {
    const t = idleTimers.get(resolutionId);
    if (t) clearTimeout(t);
    idleTimers.delete(resolutionId);
  };

  const scheduleIdle = (live: LiveDocument) => {
    if (live.peers.size > 0 || closing) return;
    cancelIdle(live.resolutionId);
    const timer = setTimeout(() => void unload(live), config.idleUnloadMs);
    timer.unref();
    idleTimers.set(live.resolutionId, timer);
  };

  const unload = async (live: LiveDocument) => {
    const id = live.resolutionId;
    idleTimers.delete(id);
    if (live.peers.size > 0 || (await documents.get(id)) !== live) return;
    documents.delete(id);
    clearTimeout(quietTimers.get(id));
    quietTimers.delete(id);
    const done = (async () => {
      await live.settled();
      if (live.storedSinceCompaction > 0) await compact(id);
      await relay.unfollow(id).catch((e) => onError('unfollowing', e));
      guard.forget(id);
      live.destroy();
    })();
    unloading.set(id, done);
    await done.finally(() => unloading.delete(id));
  };

  const attach = async (ws: WebSocket, identity: CollabIdentity) => {
    // Frames that arrive while the document loads wait in order.
    const early: Uint8Array[] = [];
    let connection: Connection | null = null;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const bytes = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      if (!bytes) {
        ws.close(CloseCode.malformed, 'binary frames only');
        return;
      }
      if (connection) connection.receive(bytes);
      else early.push(bytes);
    });
    // A resolution's text, or a draft amendment's wording: the same protocol and checks.
    let live: SharedDocument & { peers: Set<Peer>; leave(peer: Peer): void };
    let idle: () => void;
    try {
      if (identity.language) {
        const room = await languages.open(identity.resolutionId, identity.language);
        [live, idle] = [room, () => languages.scheduleIdle(room, closing)];
      } else if (identity.amendmentId) {
        const room = await openDraft(identity.amendmentId);
        [live, idle] = [room, () => scheduleDraftIdle(room)];
      } else {
        const doc = await open(identity.resolutionId);
        [live, idle] = [doc, () => scheduleIdle(doc)];
      }
    } catch (e) {
      onError(`loading ${identity.room}`, e);
      ws.close(CloseCode.serverError, 'could not load the document');
      return;
    }
    if (ws.readyState !== ws.OPEN) return idle();
    if (live.peers.size >= config.maxConnectionsPerDocument) {
      ws.close(CloseCode.documentFull, 'too many connections to this document');
      return idle();
    }
    connection = new Connection(ws, identity, live, { guard, config, onError, onRefused });
    const c = connection;
    connections.add(c);
    live.peers.add(c);
    const stopExpiry = closeAtExpiry(c);
    ws.on('close', () => {
      stopExpiry();
      c.close(CloseCode.goingAway, 'closed');
      connections.delete(c);
      live.leave(c);
      idle();
    });
    c.start();
    for (const bytes of early.splice(0)) c.receive(bytes);
  };

  /**
   * A socket opened with a session lives no longer than the session: one timer per socket,
   * set to its expiry (sessions do not slide, so nothing needs asking when it fires).
   */
  const closeAtExpiry = (c: Connection): (() => void) => {
    const credential = c.identity.credential;
    if (credential?.kind !== 'session') return () => {};
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const left = credential.expiresAt - Date.now();
      if (left <= 0) return c.close(CloseCode.unauthenticated, 'the session expired: sign in again');
      // A timer holds at most ~24.8 days; a longer session is re-armed when that passes.
      timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      timer.unref();
    };
    arm();
    return () => clearTimeout(timer);
  };

  /** Re-asks the database what each affected socket may do, and acts on the answer. */
  const recheck = async (target: AccessTarget, publish: boolean) => {
    if (publish) relay.publishAccessChange(target);
    // A draft's wording may have changed outside its room: fold it in (stored, then sent).
    // A language version's wordings may have changed outside its room: the same.
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
    const affected = [...connections].filter(
      (c) =>
        (target.resolutionId && c.identity.resolutionId === target.resolutionId) ||
        (target.userId && c.userId === target.userId) ||
        (target.amendmentId && c.identity.amendmentId === target.amendmentId) ||
        (target.room !== undefined && c.identity.room === target.room),
    );
    if (!affected.length) return;
    const db = await options.getDb();
    if (target.userId && target.credentials) {
      // Signed out or token revoked: each socket's own credential is asked about, and what
      // the socket sends waits for the answer (no write slips in), then it closes (4401).
      await Promise.all(
        affected.map(async (c) => {
          const credential = c.identity.credential;
          if (!credential) return;
          const holds = credentialHolds(db, c.userId, credential);
          c.hold(holds);
          if (!(await holds.catch(() => true)))
            c.close(CloseCode.unauthenticated, 'signed out, or the API token was revoked');
        }),
      );
    }
    const answers = new Map<string, ReturnType<typeof identityAccess>>();
    await Promise.all(
      affected.map(async (c) => {
        if (c.isClosed) return;
        const key = `${c.userId}:${c.identity.room}`;
        if (!answers.has(key)) answers.set(key, identityAccess(db, c.identity));
        const access = await answers.get(key)!.catch(() => null);
        if (access === null) return;
        if (access === 'none') c.close(CloseCode.accessRevoked, 'access withdrawn');
        else c.setAccess(access);
      }),
    );
  };

  // Dead peers (a laptop closed mid-session) are found by ping and dropped.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      const alive = ws as WebSocket & { concordAlive?: boolean };
      if (alive.concordAlive === false) {
        ws.terminate();
        continue;
      }
      alive.concordAlive = false;
      ws.ping();
    }
  }, 30_000);
  heartbeat.unref();

  const service: CollabService = {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/collab' && !url.pathname.startsWith('/collab/')) return false;
      void (async () => {
        let admission: Admission;
        try {
          admission = closing
            ? ({ ok: false, code: CloseCode.goingAway, reason: 'server closing' } as const)
            : await admit(await options.getDb(), req, url, currentOrigins());
          if (admission.ok) {
            const { userId, userName, resolutionId } = admission.identity;
            admission.identity.presence = await presenceOf(await options.getDb(), userId, userName, resolutionId);
          }
        } catch (e) {
          onError('admitting a connection', e);
          admission = { ok: false, code: CloseCode.serverError, reason: 'server error' } as const;
        }
        if (socket.destroyed) return;
        wss.handleUpgrade(req, socket, head, (ws) => {
          ws.on('error', () => ws.terminate());
          (ws as WebSocket & { concordAlive?: boolean }).concordAlive = true;
          ws.on('pong', () => ((ws as WebSocket & { concordAlive?: boolean }).concordAlive = true));
          if (!admission.ok) {
            // Accepted only to say why (browsers cannot read an HTTP refusal of an upgrade).
            ws.close(admission.code, admission.reason);
            return;
          }
          void attach(ws, admission.identity);
        });
      })();
      return true;
    },

    async readState(resolutionId: string): Promise<Uint8Array> {
      const loaded = documents.get(resolutionId);
      if (loaded) {
        const live = await loaded;
        return live.encodedState();
      }
      return (await loadDocState(await options.getDb(), resolutionId)).update;
    },

    async changeText(resolutionId: string, change: (doc: Y.Doc) => void, author: TextChangeAuthor) {
      const live = await open(resolutionId);
      try {
        return await live.changeText(change, author);
      } finally {
        scheduleIdle(live);
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

    stats: () => ({ documents: documents.size + drafts.size + languages.size(), connections: connections.size }),

    warmUp: async () => warmUpCollab({ guard, config, getDb: options.getDb }),

    async close() {
      closing = true;
      clearInterval(heartbeat);
      for (const c of connections) c.close(CloseCode.goingAway, 'server closing');
      for (const t of idleTimers.values()) clearTimeout(t);
      for (const t of quietTimers.values()) clearTimeout(t);
      for (const t of draftIdle.values()) clearTimeout(t);
      const rooms = await Promise.all([...drafts.values()].map((p) => p.catch(() => null)));
      await Promise.all(rooms.map((r) => r?.settled()));
      for (const r of rooms) r?.destroy();
      drafts.clear();
      await languages.close();
      const lives = await Promise.all([...documents.values()].map((p) => p.catch(() => null)));
      await Promise.all(lives.map((l) => l?.settled()));
      await committer.idle();
      await Promise.all([...unloading.values()]);
      for (const l of lives) l?.destroy();
      documents.clear();
      await guard.close();
      await relay.close();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
  return service;
}
