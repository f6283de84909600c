import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { nowUs } from './clock';

/**
 * A lean y-websocket protocol client: raw `ws` plus the y-protocols encoders, doing what
 * the stock provider does on the wire (sync step 1 on open, answer the server's step 1
 * with a step 2, editors announce and renew their awareness state) without the provider's
 * timers, reconnect logic and per-message Y.Doc work — 1,000 providers do not fit in one
 * load process.
 *
 * Three kinds of client:
 * - watcher: keeps no document; hands every incoming update's bytes to `onUpdateBytes`
 *   (the marker scan of marker.ts) and answers step 1 with an empty step 2.
 * - editor: keeps a Y.Doc with the synced state and its own insertions only. It types at
 *   the end of its own previous insertion inside one paragraph's Y.XmlText, exactly the
 *   Yjs operation the editor produces when a delegate types, and sends the update.
 *   Remote updates are scanned but not applied: applying 300 updates/s to 150 documents
 *   would make the load generator, not the server, the bottleneck.
 * - verifier: a watcher that also applies every update to a real Y.Doc, so at the end the
 *   converged text can be checked (every marker present exactly once, same text everywhere).
 */
export type ClientRole = 'editor' | 'watcher';

export interface ClientSpec {
  /** Index in the whole fleet. */
  index: number;
  url: string;
  role: ClientRole;
  /** 0-based among editors; -1 for watchers. */
  editorIndex: number;
  verifier: boolean;
  /** Sent as the Origin header (Concord checks it on upgrade). */
  origin: string;
}

export interface ClientHooks {
  /** Bytes of every sync step 2 and update message, with when they arrived. */
  onUpdateBytes?(client: LeanClient, bytes: Buffer, arrivedUs: number): void;
  onUnexpectedClose?(client: LeanClient, code: number, reason: string): void;
}

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const REMOTE = Symbol('remote');
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export class LeanClient {
  readonly spec: ClientSpec;
  doc: Y.Doc | null = null;
  synced = false;
  connectUs = 0;
  syncedUs = 0;
  bytesIn = 0;
  messagesIn = 0;
  permissionDenied: string | null = null;
  private ws: WebSocket | null = null;
  private awareness: awarenessProtocol.Awareness | null = null;
  private target: Y.XmlText | null = null;
  private insertAt = 0;
  private closing = false;
  private onSynced: (() => void) | null = null;

  constructor(
    spec: ClientSpec,
    private hooks: ClientHooks = {},
  ) {
    this.spec = spec;
    if (spec.role === 'editor' || spec.verifier) this.doc = new Y.Doc();
  }

  /** Opens the socket and resolves once the first sync step 2 has been applied. */
  connect(timeoutMs = 30_000): Promise<void> {
    this.connectUs = nowUs();
    return new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.onSynced = null;
        this.ws?.terminate();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`not synced after ${timeoutMs} ms`)), timeoutMs);
      this.onSynced = () => {
        clearTimeout(timer);
        resolve();
      };
      const ws = new WebSocket(this.spec.url, {
        perMessageDeflate: false,
        skipUTF8Validation: true,
        handshakeTimeout: timeoutMs,
        headers: { Origin: this.spec.origin },
      });
      this.ws = ws;
      ws.on('unexpected-response', (req, res) => {
        req.destroy();
        fail(new Error(`upgrade refused: HTTP ${res.statusCode}`));
      });
      ws.on('error', (e) => {
        if (!this.synced) fail(e);
      });
      ws.on('open', () => this.send(this.syncStep1()));
      ws.on('message', (data: Buffer) => this.receive(data));
      ws.on('close', (code, reason) => {
        if (!this.synced) fail(new Error(`closed before sync: ${code} ${reason.toString()}`));
        else if (!this.closing) this.hooks.onUnexpectedClose?.(this, code, reason.toString());
      });
    });
  }

  /** Editors: types `text` at the end of their previous insertion. */
  type(text: string): void {
    if (!this.target) throw new Error(`client ${this.spec.index} is not an editor or not synced`);
    this.target.insert(this.insertAt, text);
    this.insertAt += text.length;
  }

  /** The text as this client's document has it (verifiers). */
  text(): string {
    return this.doc ? this.doc.getXmlFragment('resolution').toString() : '';
  }

  close(): Promise<void> {
    this.closing = true;
    this.awareness?.destroy();
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2000);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close();
    });
  }

  private send(message: Uint8Array): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  private syncStep1(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    if (this.doc) syncProtocol.writeSyncStep1(encoder, this.doc);
    else {
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
    }
    return encoding.toUint8Array(encoder);
  }

  private receive(data: Buffer): void {
    const arrivedUs = nowUs();
    this.messagesIn++;
    this.bytesIn += data.length;
    if (data.length < 2) return;
    // Message and sync types are varuints below 128: one byte each.
    const kind = data[0];
    if (kind === MESSAGE_SYNC) {
      const step = data[1];
      if (step === syncProtocol.messageYjsSyncStep1) {
        this.answerStep1(data);
        return;
      }
      if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) return;
      this.hooks.onUpdateBytes?.(this, data, arrivedUs);
      const firstSync = step === syncProtocol.messageYjsSyncStep2 && !this.synced;
      if (this.doc && (this.spec.verifier || firstSync)) {
        const decoder = decoding.createDecoder(data);
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), REMOTE);
      }
      if (firstSync) this.becomeSynced(arrivedUs);
    } else if (kind === MESSAGE_AUTH) {
      const decoder = decoding.createDecoder(data);
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      this.permissionDenied = decoding.readVarString(decoder);
    }
    // Awareness and anything else: received (and counted) but not interpreted.
  }

  private answerStep1(data: Buffer): void {
    const decoder = decoding.createDecoder(data);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const stateVector = decoding.readVarUint8Array(decoder);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    if (this.doc) syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    else {
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, EMPTY_UPDATE);
    }
    this.send(encoding.toUint8Array(encoder));
  }

  private becomeSynced(arrivedUs: number): void {
    this.synced = true;
    this.syncedUs = arrivedUs;
    if (this.spec.role === 'editor') this.startEditing();
    const done = this.onSynced;
    this.onSynced = null;
    done?.();
  }

  private startEditing(): void {
    const doc = this.doc!;
    const paragraphs = doc
      .getXmlFragment('resolution')
      .toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.firstChild instanceof Y.XmlText);
    if (paragraphs.length === 0) throw new Error('the document has no paragraph text to type into');
    this.target = paragraphs[this.spec.editorIndex % paragraphs.length].firstChild as Y.XmlText;
    this.insertAt = this.target.length;
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
    // Like the editor's caret extension: a user entry, renewed by Awareness every 15 s.
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin !== 'local') return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]),
      );
      this.send(encoding.toUint8Array(encoder));
    });
    awareness.setLocalState({ user: { name: `Bench editor ${this.spec.editorIndex}`, color: '#2b6cb0' } });
    this.awareness = awareness;
  }
}
