import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { log } from '../log';
import { eventStreamClients, httpDuration } from './metrics';
import { runInRequest, type RequestContext } from './request-context';
import { routeTemplate, resolutionIdIn } from './routes';

/**
 * Every HTTP request gets an id (a well-formed incoming `x-request-id` from a proxy is kept,
 * otherwise a new one), echoed in the response header and carried by every log line written
 * on its behalf; its end is logged (route, status, duration, user and resolution when known,
 * never the query string, which may hold a token) and timed into a histogram. Open requests
 * are counted so shutdown can wait for them.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const EVENT_STREAM = /^\/api\/v1\/resolutions\/[^/]+\/events$/;
const QUIET = /^\/(?:_next\/|favicon\.ico$)/;

export interface HttpObserver {
  observe(req: IncomingMessage, res: ServerResponse, handle: () => void): void;
  /** Requests still being answered (event streams included). */
  readonly open: number;
  /** Resolves when no request is open, or after `timeoutMs`; true when drained. */
  drained(timeoutMs: number): Promise<boolean>;
  /** Closes every request still open (their sockets); returns how many. */
  destroyOpen(): number;
}

export function createHttpObserver(): HttpObserver {
  const logger = log('http');
  const open = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  return {
    observe(req, res, handle) {
      const started = performance.now();
      const incoming = req.headers['x-request-id'];
      const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', requestId);
      const path = (req.url ?? '/').split('?')[0];
      const context: RequestContext = { requestId, resolutionId: resolutionIdIn(path) };
      const stream = req.method === 'GET' && EVENT_STREAM.test(path);
      open.add(res);
      if (stream) eventStreamClients().inc();
      res.once('close', () => {
        open.delete(res);
        if (open.size === 0) for (const w of [...waiters]) w();
        if (stream) eventStreamClients().dec();
        const ms = performance.now() - started;
        const status = res.writableFinished ? res.statusCode : 499; // 499: the client left first
        const route = routeTemplate(path, status);
        // A stream's duration is how long a page stayed open, not how fast it was served.
        if (!stream) httpDuration().observe({ method: req.method ?? 'GET', route, status: String(status) }, ms / 1000);
        const line = {
          reqId: requestId,
          method: req.method,
          route,
          path,
          status,
          ms: Math.round(ms * 10) / 10,
          ...(context.userId ? { userId: context.userId } : {}),
          ...(context.resolutionId ? { resolutionId: context.resolutionId } : {}),
        };
        if (status >= 500) logger.error(line, 'request failed');
        else if (QUIET.test(path)) logger.debug(line, 'request');
        else logger.info(line, 'request');
      });
      runInRequest(context, handle);
    },
    get open() {
      return open.size;
    },
    drained(timeoutMs) {
      if (open.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          waiters.delete(onEmpty);
          resolve(ok);
        };
        const onEmpty = () => done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        waiters.add(onEmpty);
      });
    },
    destroyOpen() {
      const count = open.size;
      for (const res of open) res.destroy();
      return count;
    },
  };
}
