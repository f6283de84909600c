import type http from 'node:http';
import type { Logger } from 'pino';
import type { HttpObserver } from './observability/http-observer';
import { beginShutdown } from './observability/lifecycle';

/**
 * A clean stop, in order:
 * 1. readiness turns 503 and event streams end (their browsers reconnect elsewhere);
 * 2. no new connections or upgrades are accepted, idle keep-alive connections close;
 * 3. at once and side by side: the collaboration service flushes its group commit and
 *    closes every socket with 1001, and HTTP requests under way get a few seconds to finish
 *    (a ballot being cast is answered), after which their connections are cut;
 * 4. only then Next, Redis and the database close — nothing acknowledged is left unwritten.
 * Each step is bounded, so a stuck client cannot keep the process alive.
 */
const HTTP_GRACE_MS = Number(process.env.CONCORD_HTTP_DRAIN_MS) || 5000;
const COLLAB_LIMIT_MS = 8000;

export interface ShutdownParts {
  server: http.Server;
  observer: HttpObserver;
  /** Flushes stored-before-relayed work and closes the sockets with 1001. */
  collab: () => Promise<void>;
  /** Releases what requests and sockets used: Next, Redis, the database, locks. */
  afterwards: () => Promise<void>;
  log: Logger;
}

function bounded(work: Promise<void>, ms: number, what: string, log: Logger): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      log.warn(`${what} did not finish within ${ms} ms; going on`);
      resolve();
    }, ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (e: unknown) => {
        clearTimeout(timer);
        log.error({ err: e }, `${what} failed`);
        resolve();
      },
    );
  });
}

export function closeInOrder(parts: ShutdownParts): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () =>
    (closing ??= (async () => {
      const { server, observer, log } = parts;
      const started = performance.now();
      beginShutdown();
      const stopped = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await Promise.all([
        bounded(parts.collab(), COLLAB_LIMIT_MS, 'closing the collaboration sockets', log),
        (async () => {
          if (!(await observer.drained(HTTP_GRACE_MS)))
            log.warn(`${observer.open} request(s) still open after ${HTTP_GRACE_MS} ms: cut`);
          observer.destroyOpen();
          server.closeAllConnections();
        })(),
      ]);
      await bounded(stopped, 1000, 'closing the listener', log);
      await parts.afterwards();
      log.info(`closed in ${Math.round(performance.now() - started)} ms`);
    })());
}
