import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { Access, CollabIdentity } from './authenticate';
import { CloseCode } from '../../lib/collab/close-codes';
import type { Peer, SharedDocument } from './room';
import { MessageType, encodeAccessMessage, encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2 } from './protocol';
import type { UpdateGuard } from './update-guard';
import { UpdateRefused } from './refusal';
import type { CollabConfig } from './config';
import { refused, updateArrived } from '../observability/collab-metrics';

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/**
 * One socket of one user on one document. Messages are handled strictly in arrival order
 * (an update waits for its guard check before the next message is read), so a client sees
 * the protocol behave exactly as with the reference server, only checked.
 */
export class Connection implements Peer {
  readonly awarenessIds = new Set<number>();
  readonly userId: string;
  access: Access;
  private queue: Promise<void> = Promise.resolve();
  private tokens: number;
  private lastRefill = Date.now();
  private closed = false;
  /** Updates refused because the connection is read-only (for tests and logs). */
  droppedReadOnlyUpdates = 0;

  constructor(
    private readonly ws: WebSocket,
    readonly identity: CollabIdentity,
    private readonly live: SharedDocument,
    private readonly deps: {
      guard: UpdateGuard;
      config: CollabConfig;
      onError(context: string, e: unknown): void;
      /** A message refused (closed with 4400): logged with its reason. */
      onRefused(connection: Connection, reason: string): void;
    },
  ) {
    this.userId = identity.userId;
    this.access = identity.access;
    this.tokens = deps.config.rateLimitBurst;
  }

  /** Greets the client the way the reference server does: our state vector, then presence. */
  start(): void {
    if (this.identity.wantsAccessNotices) this.send(encodeAccessMessage(this.access));
    this.send(encodeSyncStep1(this.live.stateVector()));
    const states = this.live.awareness.getStates();
    if (states.size > 0) this.send(encodeAwarenessMessage(this.live.awareness, [...states.keys()]));
  }

  receive(data: Uint8Array): void {
    if (this.closed) return;
    if (!this.takeToken()) {
      refused('rate_limited');
      this.close(CloseCode.rateLimited, 'rate limit exceeded');
      return;
    }
    // The relay's latency is measured from here (metrics), queueing behind earlier messages included.
    const arrivedAt = performance.now();
    this.queue = this.queue
      .then(() => (this.closed ? undefined : this.handle(data, arrivedAt)))
      .catch((e) => {
        // Refusals are logged too: a client closed for what it sent reconnects and may send it again.
        if (e instanceof UpdateRefused || isDecodingError(e)) {
          refused(e instanceof UpdateRefused ? e.reason : 'malformed');
          this.deps.onRefused(this, e instanceof Error ? e.message : String(e));
        }
        if (e instanceof UpdateRefused) this.close(CloseCode.malformed, closeReason(e.message));
        else if (isDecodingError(e)) this.close(CloseCode.malformed, 'malformed message');
        else {
          this.deps.onError(`handling a message for ${this.identity.room}`, e);
          this.close(CloseCode.serverError, 'server error');
        }
      });
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    // No per-send callback: a broadcast calls this once per peer, and a failed write
    // already surfaces as the socket's 'error' event, which terminates it (service.ts).
    this.ws.send(message);
  }

  /**
   * Nothing this socket sends is handled until `check` settles: its credentials are being
   * checked again (a sign-out or revocation), and no write may slip in meanwhile.
   */
  hold(check: Promise<unknown>): void {
    this.queue = this.queue.then(
      () => check.then(noop, noop),
      () => check.then(noop, noop),
    );
  }

  setAccess(access: Access): void {
    if (access === this.access) return;
    this.access = access;
    if (this.identity.wantsAccessNotices) {
      this.send(
        encodeAccessMessage(access, access === 'read' ? 'your role or the stage no longer allows editing' : undefined),
      );
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private async handle(data: Uint8Array, arrivedAt: number): Promise<void> {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        return this.handleSync(decoder, arrivedAt);
      case MessageType.awareness: {
        const update = this.vouched(decoding.readVarUint8Array(decoder));
        if (update) awarenessProtocol.applyAwarenessUpdate(this.live.awareness, update, this);
        return;
      }
      case MessageType.queryAwareness:
        this.send(encodeAwarenessMessage(this.live.awareness, [...this.live.awareness.getStates().keys()]));
        return;
      case MessageType.auth:
        return; // clients have nothing to say here; permissions come from the server
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  private async handleSync(decoder: decoding.Decoder, arrivedAt: number): Promise<void> {
    const step = decoding.readVarUint(decoder);
    if (step === SYNC_STEP1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      // Answer only with what is stored: a client never learns of an update that a crash
      // could still lose.
      await this.live.settled();
      const missing = this.live.missingFromElsewhere
        ? await this.live.missingFromElsewhere(stateVector)
        : this.live.missingFrom(stateVector);
      this.send(encodeSyncStep2(missing));
      return;
    }
    if (step !== SYNC_STEP2 && step !== SYNC_UPDATE) throw new MalformedMessage(`unknown sync step ${step}`);
    const update = decoding.readVarUint8Array(decoder);
    updateArrived(update, arrivedAt);
    if (this.access !== 'write') {
      // Read-only: never applied, relayed or stored.
      this.droppedReadOnlyUpdates++;
      refused('read_only');
      return;
    }
    // Cheap checks first (the document's size), then the guard's worker (decoding, shape).
    const refusal = this.live.vet?.(update);
    if (refusal) throw refusal;
    const ticket = await this.deps.guard.check(update, this.live.room);
    if (this.closed || this.access !== 'write') {
      // Lost its rights while the check ran: never applied, and out of the guard's mirror.
      this.deps.guard.discard(this.live.room, ticket);
      return;
    }
    try {
      this.live.applyFrom(update, this);
    } catch (e) {
      throw new MalformedMessage(`update could not be applied: ${e instanceof Error ? e.message : e}`);
    }
  }

  /**
   * A client speaks only for itself: entries for a client id another socket (or process)
   * holds are dropped, and the `user` part of each entry is the server's account of this
   * socket's user, whatever the client wrote there.
   */
  private vouched(update: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(update);
    const encoder = encoding.createEncoder();
    const count = decoding.readVarUint(decoder);
    const kept: [number, number, string][] = [];
    const states = this.live.awareness.getStates();
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (!this.awarenessIds.has(clientId) && states.has(clientId)) continue;
      const state = JSON.parse(json) as unknown;
      if (state === null || typeof state !== 'object' || Array.isArray(state)) {
        kept.push([clientId, clock, 'null']);
        continue;
      }
      const filled = this.identity.presence ? { ...state, user: this.identity.presence } : state;
      kept.push([clientId, clock, JSON.stringify(filled)]);
    }
    if (!kept.length) return null;
    encoding.writeVarUint(encoder, kept.length);
    for (const [clientId, clock, json] of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, json);
    }
    return encoding.toUint8Array(encoder);
  }

  private takeToken(): boolean {
    const now = Date.now();
    const { rateLimitPerSecond, rateLimitBurst } = this.deps.config;
    this.tokens = Math.min(rateLimitBurst, this.tokens + ((now - this.lastRefill) / 1000) * rateLimitPerSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const noop = () => {};

class MalformedMessage extends Error {}

/** A close frame's reason is at most 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  let reason = text.slice(0, 120);
  while (Buffer.byteLength(reason) > 120) reason = reason.slice(0, -1);
  return reason;
}

function isDecodingError(e: unknown): boolean {
  // lib0 throws plain Errors ("Unexpected end of array", "Integer out of Range") and
  // RangeErrors on truncated input; awareness updates carry JSON.
  return (
    e instanceof MalformedMessage ||
    e instanceof RangeError ||
    e instanceof SyntaxError ||
    (e instanceof Error && /Unexpected end|out of Range|Invalid typed array/i.test(e.message))
  );
}
