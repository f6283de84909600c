import type { IncomingMessage, ServerResponse } from 'node:http';
import { isShuttingDown } from './lifecycle';

/**
 * GET /healthz: the process is alive and answering. GET /readyz: it can serve — every
 * dependency answers within a bound, and it is not shutting down (a load balancer then
 * stops sending it new clients). The body names each check; causes are kept short and
 * never carry connection strings.
 */
export interface ReadinessCheck {
  name: string;
  /** Resolves when healthy; rejects (or throws) with the reason otherwise. */
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function json(res: ServerResponse, status: number, body: object): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(`${JSON.stringify(body)}\n`);
}

export async function readiness(checks: ReadinessCheck[]): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const results: Record<string, string> = {};
  await Promise.all(
    checks.map(async (c) => {
      try {
        await within(Promise.resolve().then(c.check), CHECK_TIMEOUT_MS);
        results[c.name] = 'ok';
      } catch (e) {
        results[c.name] = e instanceof Error ? e.message : String(e);
      }
    }),
  );
  const shutting = isShuttingDown();
  results.shutdown = shutting ? 'shutting down' : 'ok';
  return { ready: Object.values(results).every((r) => r === 'ok'), checks: results };
}

/** Answers /healthz and /readyz; returns false for any other request. */
export function createHealthRoutes(checks: ReadinessCheck[]) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/healthz' && path !== '/readyz') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      json(res, 405, { error: 'GET only' });
      return true;
    }
    if (path === '/healthz') {
      json(res, 200, { status: 'ok' });
      return true;
    }
    void readiness(checks).then(
      ({ ready, checks: results }) =>
        json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results }),
      () => json(res, 503, { status: 'not ready' }),
    );
    return true;
  };
}
