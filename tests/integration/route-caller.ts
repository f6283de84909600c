import path from 'node:path';

/**
 * Calls a real /api/v1 route handler the way Next does — a Request in, a Response out — with
 * an API token as the credentials, as the permission matrix does. No HTTP server needed.
 */
const root = path.resolve(import.meta.dirname, '..', '..');

export interface RouteCall {
  token?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/** `pattern` as registered: "/resolutions/{id}/reservations". */
export async function callRoute(method: string, pattern: string, call: RouteCall = {}): Promise<Response> {
  const file = path.join(root, 'app/api/v1', pattern.replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');
  const mod = await import(file);
  const url = new URL(
    `http://localhost/api/v1${pattern.replace(/\{(\w+)\}/g, (_, k: string) => call.params?.[k] ?? k)}`,
  );
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const request = new Request(url, {
    method,
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  return mod[method](request, { params: Promise.resolve(call.params ?? {}) });
}

/** The JSON of a successful call; fails with the server's message otherwise. */
export async function okJson<T = unknown>(res: Response | Promise<Response>): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status >= 300) throw new Error(`expected success, got ${r.status}: ${text}`);
  return JSON.parse(text) as T;
}
