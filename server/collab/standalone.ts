import http from 'node:http';
import path from 'node:path';
import { openDatabase } from '../../db/client';
import { readServerConfig } from '../config';
import { createCollabService } from './service';
import { setCollabService } from './registry';
import { startUseCaseRuntime } from '../use-case-runtime';
import { createRelay } from './relay-factory';
import { listenToOutsideEvents } from '../events/outside-events';
import { collectProcessMetrics, serveMetrics } from '../observability/metrics';

/**
 * The collaboration endpoint alone, without Next: for benchmarks and for deployments that
 * run editors' sockets on their own processes. Same auth, persistence and limits as the
 * endpoint inside `npm start`. Needs NEXTAUTH_SECRET (to read session cookies).
 */
async function main() {
  const config = readServerConfig();
  if (!process.env.NEXTAUTH_SECRET)
    throw new Error('NEXTAUTH_SECRET must be set for the standalone collaboration service');
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') },
  );
  const log = (m: string) => console.log(`[collab] ${m}`);
  collectProcessMetrics();
  const collab = createCollabService({
    getDb: async () => database.db,
    relay: await createRelay(config.redisUrl, log),
    log,
  });
  setCollabService(collab);
  startUseCaseRuntime(collab);
  // What the CLI on PostgreSQL revokes or changes reaches these sockets too (NOTIFY).
  await listenToOutsideEvents(database, collab, log).catch((e: unknown) =>
    log(`cannot LISTEN for the CLI's events: ${e instanceof Error ? e.message : e}`),
  );
  // Before listening: the first clients of a session must not be served by a cold relay.
  await collab.warmUp().then(
    (warm) =>
      log(
        `warmed up: update guard ${Math.round(warm.guardMs)} ms, relay ${Math.round(warm.relayMs)} ms, state folder ${Math.round(warm.folderMs)} ms, database ${Math.round(warm.databaseMs)} ms`,
      ),
    (e: unknown) => log(`warm-up failed (serving anyway): ${e instanceof Error ? e.message : e}`),
  );
  // /metrics as on the full server (behind CONCORD_METRICS_TOKEN): these processes carry the sockets.
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === '/metrics') {
      void serveMetrics(req, res, config.metricsToken).catch((e: unknown) => {
        log(`metrics failed: ${e instanceof Error ? e.message : e}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    res
      .writeHead(404, { 'content-type': 'text/plain' })
      .end('Only /collab/<resolution id> and /metrics are served here\n');
  });
  server.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as { port: number }).port;
  log(`listening on http://${config.host}:${port}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      server.closeAllConnections?.();
      server.close();
      await collab.close();
      await database.close();
      process.exit(0);
    });
  }
}

main().catch((e) => {
  console.error(`[collab] could not start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
