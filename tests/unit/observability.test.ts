import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, ping } from '@/db/client';
import { readiness } from '@/server/observability/health';
import { beginShutdown } from '@/server/observability/lifecycle';
import { serveMetrics } from '@/server/observability/metrics';
import { routeTemplate } from '@/server/observability/routes';
import { pgliteDump } from '../helpers/database';

describe('observability parts', () => {
  const servers: http.Server[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('/metrics is off (404) when no token is configured', async () => {
    const server = http.createServer((req, res) => void serveMetrics(req, res, null));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer anything' } });
    expect(res.status).toBe(404);
  });

  it('route labels stay few: ids and committee slugs become placeholders, unmatched paths share one', () => {
    expect(routeTemplate('/api/v1/resolutions/0b9c5a53-5a40-4a57-9d35-0f8e3c1b2a11/votes', 201)).toBe(
      '/api/v1/resolutions/:id/votes',
    );
    expect(routeTemplate('/api/v1/committees/peace-security/resolutions', 200)).toBe(
      '/api/v1/committees/:committee/resolutions',
    );
    expect(routeTemplate('/wp-admin/setup.php', 404)).toBe('unmatched');
    expect(routeTemplate('/_next/static/chunks/abc.js', 200)).toBe('/_next/*');
  });

  it('readiness fails for a closed database and once shutdown has begun', async () => {
    const database = await openDatabase({ fromDump: pgliteDump() });
    const check = { name: 'database', check: () => ping(database.db) };
    expect(await readiness([check])).toEqual({ ready: true, checks: { database: 'ok', shutdown: 'ok' } });
    await database.close();
    const down = await readiness([check]);
    expect(down.ready).toBe(false);
    expect(down.checks.database).not.toBe('ok');
    beginShutdown();
    expect((await readiness([])).checks.shutdown).toBe('shutting down');
  }, 120_000);
});
