import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

/**
 * Prometheus metrics on prom-client's default registry: the process's own (CPU, memory,
 * event loop, GC), HTTP request durations, ballots and event streams here; the
 * collaboration service's (concord_collab_*: open rooms and sockets, updates in and
 * deliveries out, relay and group-commit latency, refusals, close codes) in
 * collab-metrics.ts, registered when the service starts. Metrics are created get-or-create
 * by name because Next bundles route handlers apart from server/: a second `new Counter`
 * with the same name would throw.
 */
export function metric<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

const slot = globalThis as unknown as { __concordDefaultMetrics?: boolean };

/** Process metrics (CPU, memory, event-loop delay, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (slot.__concordDefaultMetrics) return;
  slot.__concordDefaultMetrics = true;
  collectDefaultMetrics({ eventLoopMonitoringPrecision: 10 });
  // Registered now, so a scrape before the first ballot or stream already lists them (at 0).
  httpDuration();
  ballotsCast();
  eventStreamClients();
}

export const httpDuration = () =>
  metric(
    'concord_http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'concord_http_request_duration_seconds',
        help: 'HTTP requests by route template, method and status, from arrival to the last byte sent',
        labelNames: ['method', 'route', 'status'] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );

export const ballotsCast = () =>
  metric(
    'concord_ballots_total',
    () =>
      new Counter({
        name: 'concord_ballots_total',
        help: "Ballots recorded: a delegation's first ballot in a vote, or one replacing it",
        labelNames: ['outcome'] as const,
      }),
  );

export const eventStreamClients = () =>
  metric(
    'concord_event_stream_clients',
    () =>
      new Gauge({
        name: 'concord_event_stream_clients',
        help: 'Open Server-Sent Events streams (procedural events of a resolution)',
      }),
  );

function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * GET /metrics. Off unless CONCORD_METRICS_TOKEN is set (404, as if absent); then only
 * with `Authorization: Bearer <token>` — the figures say how busy each committee is.
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, token: string | null): Promise<void> {
  if (!token) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!given || !sameToken(given, token)) {
    res
      .writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' })
      .end('Send the metrics token as "Authorization: Bearer <CONCORD_METRICS_TOKEN>".\n');
    return;
  }
  const body = await register.metrics();
  res.writeHead(200, { 'content-type': register.contentType, 'cache-control': 'no-store' }).end(body);
}
