import net from 'node:net';

/**
 * One client's HTTP/1.1 connection, kept alive, as lean as the protocol allows: a request
 * is written as one buffer, an answer is read for its status and body only (by
 * Content-Length or chunked). B4's 190 delegates are 190 devices in the room; played from
 * one process on the machine the server runs on, undici's fetch spent 150–460 ms of CPU per
 * round of 190 requests against a server that answers at once (bench/HISTORY.md), time
 * the measured latency then counted as the server's. This is what B1's lean WebSocket
 * client (client.ts) is for the collaboration socket.
 *
 * One request at a time per connection (no pipelining), as a browser's connection to a
 * server: a delegate's page holds one. A connection the server closed (or that failed) is
 * opened again by the next request.
 */
export interface HttpAnswer {
  status: number;
  body: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** Answers larger than this are refused: the bench reads small JSON answers. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export class HttpConnection {
  private socket: net.Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve(a: HttpAnswer): void; reject(e: Error): void } | null = null;
  private closeAfterAnswer = false;

  private constructor(private readonly target: URL) {}

  /** Opens the connection (TCP only: the first request then goes out at once). */
  static async open(base: string): Promise<HttpConnection> {
    const connection = new HttpConnection(new URL(base));
    await connection.connect();
    return connection;
  }

  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    if (this.waiting) return Promise.reject(new Error('a request is already in flight on this connection'));
    const payload = body === undefined ? '' : body;
    const lines = [`${method} ${path} HTTP/1.1`, `host: ${this.target.host}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    if (body !== undefined || method === 'POST') lines.push(`content-length: ${Buffer.byteLength(payload)}`);
    const bytes = Buffer.from(`${lines.join('\r\n')}\r\n\r\n${payload}`);
    const send = () =>
      new Promise<HttpAnswer>((resolve, reject) => {
        this.waiting = { resolve, reject };
        this.socket!.write(bytes);
      });
    return this.socket ? send() : this.connect().then(send);
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(this.target.port || 80), this.target.hostname);
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve();
      });
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.received(chunk));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
        this.buffer = Buffer.alloc(0);
        this.fail(new Error('the server closed the connection before answering'));
      });
      socket.on('error', (e) => this.fail(e));
      this.socket = socket;
    });
  }

  private fail(e: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(e);
  }

  private received(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    if (this.buffer.length > MAX_ANSWER_BYTES) {
      this.fail(new Error(`an answer over ${MAX_ANSWER_BYTES} bytes`));
      this.close();
      return;
    }
    let answer: HttpAnswer | null;
    try {
      answer = this.parse();
    } catch (e) {
      this.fail(e as Error);
      this.close();
      return;
    }
    if (!answer) return;
    const waiting = this.waiting;
    this.waiting = null;
    if (this.closeAfterAnswer) this.close();
    waiting?.resolve(answer);
  }

  /** The answer at the head of the buffer once it is whole (and taken off the buffer), else null. */
  private parse(): HttpAnswer | null {
    const headEnd = this.buffer.indexOf(HEAD_END);
    if (headEnd < 0) return null;
    const head = this.buffer.subarray(0, headEnd).toString('latin1');
    const status = Number(head.slice(9, 12));
    let length: number | null = null;
    let chunked = false;
    this.closeAfterAnswer = false;
    for (const line of head.split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.includes('chunked');
      else if (name === 'connection') this.closeAfterAnswer = value === 'close';
    }
    const start = headEnd + HEAD_END.length;
    if (chunked) {
      const parts: Buffer[] = [];
      let at = start;
      for (;;) {
        const lineEnd = this.buffer.indexOf(CRLF, at);
        if (lineEnd < 0) return null;
        const size = Number.parseInt(this.buffer.subarray(at, lineEnd).toString('latin1'), 16);
        if (Number.isNaN(size)) throw new Error('a malformed chunk size');
        const dataStart = lineEnd + CRLF.length;
        if (this.buffer.length < dataStart + size + CRLF.length) return null;
        if (size === 0) {
          this.buffer = this.buffer.subarray(dataStart + CRLF.length);
          return { status, body: Buffer.concat(parts).toString('utf8') };
        }
        parts.push(this.buffer.subarray(dataStart, dataStart + size));
        at = dataStart + size + CRLF.length;
      }
    }
    const size = status === 204 || status === 304 ? 0 : (length ?? 0);
    if (this.buffer.length < start + size) return null;
    const body = this.buffer.subarray(start, start + size).toString('utf8');
    this.buffer = this.buffer.subarray(start + size);
    return { status, body };
  }
}
