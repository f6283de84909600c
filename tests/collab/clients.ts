import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as decodingModule from 'lib0/decoding';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { DEMO_PASSWORD } from '@/db/commands/demo-seeder';

/**
 * Real clients for the collaboration suite: the stock y-websocket provider over `ws`,
 * authenticated the two ways Concord accepts (session cookie, API token), and the
 * next-auth sign-in a browser would do, done with fetch.
 */
export async function signInCookie(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = cookiesOf(res)
    .split('; ')
    .filter((c) => c.includes('session-token'))
    .join('; ');
  if (!session) throw new Error(`sign-in of ${email} failed (${res.status})`);
  return session;
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export async function apiToken(baseUrl: string, cookie: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/tokens`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ name: 'collab test' }),
  });
  if (!res.ok) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function api<T>(
  baseUrl: string,
  token: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes this client's sockets were closed with, in order. */
  closeCodes: number[];
  /** Updates this client received from the server. */
  received: Uint8Array[];
  accessNotices: string[];
  destroy(): void;
}

/** A stock WebsocketProvider on ws://host/collab with the resolution id as room name. */
export function connect(
  port: number,
  resolutionId: string,
  auth: { token?: string; cookie?: string; origin?: string },
  options: { connect?: boolean } = {},
): TestClient {
  const doc = new Y.Doc();
  const closeCodes: number[] = [];
  const received: Uint8Array[] = [];
  const accessNotices: string[] = [];
  // Headers (cookie, Origin) a browser would send; ws lets a Node client set them.
  class AuthWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      const headers: Record<string, string> = {};
      if (auth.cookie) headers.cookie = auth.cookie;
      if (auth.origin) headers.origin = auth.origin;
      super(url, protocols, { headers });
    }
  }
  const params: Record<string, string> = { access: '1' };
  if (auth.token) params.token = auth.token;
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, resolutionId, doc, {
    WebSocketPolyfill: AuthWebSocket as unknown as typeof globalThis.WebSocket,
    params,
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 300,
  });
  provider.messageHandlers[100] = (_encoder, decoder) => {
    const { readVarString } = decodingModule;
    accessNotices.push(JSON.parse(readVarString(decoder)).access);
  };
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === provider) received.push(update);
  });
  return {
    doc,
    provider,
    closeCodes,
    received,
    accessNotices,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The text as plain strings, one per paragraph (kind:text). */
export function paragraphsOf(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(TEXT_FIELD)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map(
      (el) =>
        `${el.nodeName}:${el
          .toArray()
          .map((t) => (t instanceof Y.XmlText ? t.toString() : ''))
          .join('')}`,
    );
}

export function waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (condition()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Inserts text at a random place of a random paragraph (what typing does to the Y.Doc). */
export function randomEdit(doc: Y.Doc, random: () => number, tag: string): void {
  const paragraphs = doc
    .getXmlFragment(TEXT_FIELD)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  if (!paragraphs.length) return;
  const p = paragraphs[Math.floor(random() * paragraphs.length)];
  const text = p.get(0);
  if (!(text instanceof Y.XmlText)) return;
  const length = text.length;
  if (random() < 0.25 && length > 5) text.delete(Math.floor(random() * (length - 3)), 2);
  else text.insert(Math.floor(random() * (length + 1)), ` ${tag}`);
}

/** Types `text` at the start of paragraph `index`. */
export function typeAt(doc: Y.Doc, index: number, text: string): void {
  const paragraph = doc.getXmlFragment(TEXT_FIELD).get(index);
  if (!(paragraph instanceof Y.XmlElement)) throw new Error(`no paragraph ${index}`);
  const run = paragraph.get(0);
  if (run instanceof Y.XmlText) run.insert(0, text);
  else paragraph.insert(0, [new Y.XmlText(text)]);
}

export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
