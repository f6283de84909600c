import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Db } from '../../db/client';
import { CloseCode } from '../../lib/collab/close-codes';
import { admit, presenceOf, type Admission, type CollabIdentity } from './authenticate';
import type { CollabConfig } from './config';
import { Connection } from './connection';
import type { Peer, SharedDocument } from './room';
import type { UpdateGuard } from './update-guard';
import { refused, socketClosed } from '../observability/collab-metrics';

/** The room a connection joins, and what to do once it has left. */
export interface Joined {
  room: SharedDocument & { peers: Set<Peer>; leave(peer: Peer): void };
  /** Called when a connection leaves or is refused: the room may go idle. */
  left(): void;
}

export interface EndpointDeps {
  getDb(): Promise<Db>;
  config: CollabConfig;
  guard: UpdateGuard;
  /** Browser origins allowed now (NEXTAUTH_URL may be settled only once the port is known). */
  origins(): string[];
  /** The room of an admitted connection, loaded. */
  join(identity: CollabIdentity): Promise<Joined>;
  onError(context: string, e: unknown): void;
  onRefused(connection: Connection, reason: string): void;
}

type Tracked = WebSocket & { concordAlive?: boolean; concordSweep?: number };

/**
 * The heartbeat's period is swept in this many ticks, each pinging the connections of its
 * slot: pinging a thousand connections in one turn of the event loop is a thousand socket
 * writes, and a thousand pongs to read right after, all while updates wait to be relayed.
 */
const HEARTBEAT_SLOTS = 30;

/** The longest a Node timer may wait (~24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The WebSocket side of /collab/<room>: admission (before any Yjs byte is read), joining
 * the room, the open connections, and the heartbeat that finds dead peers (a laptop closed
 * mid-session) by ping and drops them.
 */
export class CollabEndpoint {
  readonly connections = new Set<Connection>();
  private readonly wss: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;
  private closing = false;
  /** The slot the heartbeat pings next, and the slot the next connection joins. */
  private sweepTick = 0;
  private nextSlot = 0;

  constructor(private readonly deps: EndpointDeps) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: deps.config.maxFrameBytes });
    // Each connection is pinged once a period; one that has not answered its last ping by
    // then is dropped.
    this.heartbeat = setInterval(() => {
      const slot = this.sweepTick;
      this.sweepTick = (slot + 1) % HEARTBEAT_SLOTS;
      for (const ws of this.wss.clients as Set<Tracked>) {
        if (ws.concordSweep !== slot) continue;
        if (ws.concordAlive === false) {
          ws.terminate();
          continue;
        }
        ws.concordAlive = false;
        ws.ping();
      }
    }, deps.config.heartbeatMs / HEARTBEAT_SLOTS);
    this.heartbeat.unref();
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** Takes the upgrade when the path is /collab/…; false leaves it to Next. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/collab' && !url.pathname.startsWith('/collab/')) return false;
    void (async () => {
      let admission: Admission;
      try {
        admission = this.closing
          ? ({ ok: false, code: CloseCode.goingAway, reason: 'server closing' } as const)
          : await admit(await this.deps.getDb(), req, url, this.deps.origins());
        if (admission.ok) {
          const { userId, userName, resolutionId } = admission.identity;
          admission.identity.presence = await presenceOf(await this.deps.getDb(), userId, userName, resolutionId);
        }
      } catch (e) {
        this.deps.onError('admitting a connection', e);
        admission = { ok: false, code: CloseCode.serverError, reason: 'server error' } as const;
      }
      if (socket.destroyed) return;
      this.wss.handleUpgrade(req, socket, head, (ws: Tracked) => {
        ws.on('error', () => ws.terminate());
        ws.on('close', socketClosed);
        ws.concordAlive = true;
        ws.concordSweep = this.nextSlot;
        this.nextSlot = (this.nextSlot + 1) % HEARTBEAT_SLOTS;
        ws.on('pong', () => (ws.concordAlive = true));
        if (!admission.ok) {
          // Accepted only to say why (browsers cannot read an HTTP refusal of an upgrade).
          ws.close(admission.code, admission.reason);
          return;
        }
        void this.attach(ws, admission.identity);
      });
    })();
    return true;
  }

  /** Closes every connection (1001) and stops accepting. */
  closeConnections(): void {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const c of this.connections) c.close(CloseCode.goingAway, 'server closing');
  }

  async close(): Promise<void> {
    this.closeConnections();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }

  private async attach(ws: WebSocket, identity: CollabIdentity) {
    // Frames that arrive while the room loads wait in order.
    const early: Uint8Array[] = [];
    let connection: Connection | null = null;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const bytes = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      if (!bytes) {
        refused('malformed');
        ws.close(CloseCode.malformed, 'binary frames only');
        return;
      }
      if (connection) connection.receive(bytes);
      else early.push(bytes);
    });
    let joined: Joined;
    try {
      joined = await this.deps.join(identity);
    } catch (e) {
      this.deps.onError(`loading ${identity.room}`, e);
      ws.close(CloseCode.serverError, 'could not load the document');
      return;
    }
    const { room, left } = joined;
    if (ws.readyState !== ws.OPEN) return left();
    if (room.peers.size >= this.deps.config.maxConnectionsPerDocument) {
      ws.close(CloseCode.documentFull, 'too many connections to this document');
      return left();
    }
    const { guard, config, onError, onRefused } = this.deps;
    connection = new Connection(ws, identity, room, { guard, config, onError, onRefused });
    const c = connection;
    this.connections.add(c);
    room.peers.add(c);
    const stopExpiry = closeAtExpiry(c);
    ws.on('close', () => {
      stopExpiry();
      c.close(CloseCode.goingAway, 'closed');
      this.connections.delete(c);
      room.leave(c);
      left();
    });
    c.start();
    for (const bytes of early.splice(0)) c.receive(bytes);
  }
}

/**
 * A socket opened with a session lives no longer than the session: one timer per socket,
 * set to its expiry (sessions do not slide, so nothing needs asking when it fires).
 */
function closeAtExpiry(c: Connection): () => void {
  const credential = c.identity.credential;
  if (credential?.kind !== 'session') return () => {};
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = credential.expiresAt - Date.now();
    if (left <= 0) return c.close(CloseCode.unauthenticated, 'the session expired: sign in again');
    // A longer session is re-armed when the longest timer has passed.
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}
