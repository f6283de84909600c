import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import next from 'next';
import { checkMigrationsApplied, installDatabase, openDatabase, ping, type Database } from '../db/client';
import { acquireDataDirLock, releaseDataDirLock, updateDataDirLock, type DataDirLock } from '../db/data-dir-lock';
import { describeTightened, secureDataFolder } from '../db/data-folder';
import { FOREIGN_CHAIN_WARNING, keyAuditChain } from '../db/commands/audit-recorder';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoOnce } from '../db/commands/demo-seeder';
import { readServerConfig, projectRoot, type ServerConfig } from './config';
import { ensureAuthSecret } from './secrets';
import { createCollabService } from './collab/service';
import { createCliBridge } from './cli-bridge';
import { setCollabService } from './collab/registry';
import { startUseCaseRuntime } from './use-case-runtime';
import { listenToOutsideEvents } from './events/outside-events';
import { createRelay } from './collab/relay-factory';
import { clientAddressStamper } from './auth/client-address';
import { log } from './log';
import { createHttpObserver } from './observability/http-observer';
import { createHealthRoutes, type ReadinessCheck } from './observability/health';
import { collectProcessMetrics, serveMetrics } from './observability/metrics';
import { redisReadiness } from './observability/redis-check';
import { closeInOrder } from './shutdown';
import { refuseOversizedBody } from '../lib/http/body-limit';
import { startupFailure } from './startup-errors';
import { ballotDoor } from './ballot-door';
import { warmUpBallotPath } from '../db/commands/ballot-box';

/**
 * The Concord process: one HTTP server on one port hosting the Next.js app (pages and
 * /api/v1), the collaboration WebSocket endpoint (/collab/<resolution id>), the operator's
 * endpoints (/healthz, /readyz, /metrics) and, for the CLI, a local command bridge.
 * Start-up order matters: database, migrations and first-start data (under one lock), Next,
 * then listen. Closing is the reverse, see server/shutdown.ts.
 */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

const logger = log('concord');

export async function startServer(config: ServerConfig = readServerConfig()): Promise<RunningServer> {
  collectProcessMetrics();
  // Before anything is written: the folder and its files for this user only (issue 11.2).
  const tightened = describeTightened(config.dataDir, secureDataFolder(config.dataDir));
  if (tightened) logger.warn(tightened);
  const lock: DataDirLock | null = config.databaseUrl ? null : acquireDataDirLock(config.dataDir, 'server', null);
  let seeded = false;
  let database: Database;
  try {
    database = await installDatabase(
      openDatabase({
        ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') }),
        // Under the start-up lock: two processes starting together never both seed.
        atStart: async (db) => {
          await ensureAuthSecret(db);
          if ((await keyAuditChain(db)) === 'foreign') logger.error(FOREIGN_CHAIN_WARNING);
          if (config.seedDemo) seeded = await seedDemoOnce(db);
        },
      }),
    );
  } catch (e) {
    if (!config.databaseUrl) releaseDataDirLock(config.dataDir);
    throw e;
  }
  logger.info(`database: ${database.kind} (${database.location}), migrations applied`);
  if (seeded) logger.info('demo data seeded: committee "peace-security" with the example resolution as a draft');
  if (config.seedDemo) printDemoAccounts();
  const publicUrlGiven = !!process.env.NEXTAUTH_URL;
  process.env.NEXTAUTH_URL ||= config.publicUrl;

  const collabLog = log('collab');
  const relay = await createRelay(config.redisUrl, (m) => collabLog.info(m));
  const collab = createCollabService({ getDb: async () => database.db, relay, log: (m) => collabLog.info(m) });
  setCollabService(collab);
  // The first burst of ballots after a start must not plan its statements while it waits.
  const ballotsWarming = warmUpBallotPath(database.db).catch((e: unknown) =>
    log('ballots').warn({ err: e }, 'ballot path warm-up failed (serving anyway)'),
  );
  // Warmed while Next prepares, and awaited before listening: the first clients of a
  // session must not be served by a cold relay (server/collab/warm-up.ts).
  const warming = collab.warmUp().then(
    (warm) =>
      collabLog.info(
        {
          guardMs: Math.round(warm.guardMs),
          relayMs: Math.round(warm.relayMs),
          folderMs: Math.round(warm.folderMs),
          databaseMs: Math.round(warm.databaseMs),
        },
        'relay warmed up',
      ),
    (e: unknown) => collabLog.warn({ err: e }, 'relay warm-up failed (serving anyway)'),
  );

  const app = next({ dev: config.dev, dir: projectRoot, quiet: !config.dev });
  try {
    await app.prepare();
  } catch (e) {
    await warming;
    await collab.close();
    throw e;
  }
  const handle = app.getRequestHandler();
  const upgradeNext = app.getUpgradeHandler();
  await warming;
  await ballotsWarming;
  const useCases = startUseCaseRuntime(collab);
  // The CLI on PostgreSQL serves no sockets: what it revokes or changes reaches ours by NOTIFY.
  const eventsLog = log('events');
  const stopListening = await listenToOutsideEvents(database, collab, (m) => eventsLog.warn(m)).catch((e) => {
    eventsLog.error(
      { err: e },
      'cannot LISTEN for the CLI’s events: what it revokes reaches open sockets only when they reconnect',
    );
    return async () => {};
  });
  const cliBridge = lock ? createCliBridge({ getDb: async () => database.db, secret: lock.secret }) : null;

  // Sign-in throttling needs the client's real address, which only this server knows.
  const stampClientAddress = clientAddressStamper();
  // A committee voting in the same second: ballots skip Next's pipeline (server/ballot-door.ts).
  const ballots = ballotDoor();
  const redis = config.redisUrl ? redisReadiness(config.redisUrl) : null;
  const checks: ReadinessCheck[] = [
    { name: 'database', check: () => ping(database.db) },
    { name: 'migrations', check: () => checkMigrationsApplied(database.db) },
    ...(redis ? [redis] : []),
  ];
  const health = createHealthRoutes(checks);
  const observer = createHttpObserver();
  const httpLog = log('http');
  const server = http.createServer((req, res) =>
    observer.observe(req, res, () => {
      if (health(req, res)) return;
      if ((req.url ?? '').split('?')[0] === '/metrics') {
        void serveMetrics(req, res, config.metricsToken).catch((e) => {
          httpLog.error({ err: e }, 'metrics failed');
          if (!res.headersSent) res.writeHead(500).end();
        });
        return;
      }
      if (cliBridge?.(req, res)) return;
      if (refuseOversizedBody(req, res)) return;
      stampClientAddress(req);
      if (ballots(req, res)) return;
      handle(req, res).catch((e) => {
        httpLog.error({ err: e }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end('Internal error');
      });
    }),
  );
  // Node closes an idle connection after 5 s by default: a delegate's page that read the vote
  // when it was announced would then open a new one to vote, and 190 at once is most of a
  // ballot round's time (bench B4). Longer than the nginx recipe's upstream idle time (60 s),
  // so Node never closes a connection nginx is about to reuse (a known cause of 502s).
  server.keepAliveTimeout = config.keepAliveSeconds * 1000;
  server.headersTimeout = Math.max(server.headersTimeout, server.keepAliveTimeout + 1000);
  server.on('upgrade', (req, socket, head) => {
    if (collab.handleUpgrade(req, socket, head)) return;
    upgradeNext(req, socket, head);
  });

  // "ready on" below means ready: /readyz asked at once must not find Redis still connecting.
  await redis?.opened(5000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new Error(`port ${config.port} on ${config.host} is in use by another process (PORT to change)`)
          : e,
      ),
    );
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as { port: number }).port;
  // With PORT=0 the public URL (next-auth callbacks, the socket Origin check) names the real port.
  if (!publicUrlGiven && config.port === 0) process.env.NEXTAUTH_URL = `http://localhost:${port}`;
  if (lock) updateDataDirLock(config.dataDir, { ...lock, port });
  logger.info(`ready on http://localhost:${port} (collaboration: ws://localhost:${port}/collab/<resolution id>)`);

  const close = closeInOrder({
    server,
    observer,
    collab: async () => {
      await stopListening().catch(() => {});
      await collab.close();
      useCases.stop();
      setCollabService(null);
    },
    afterwards: async () => {
      await app.close?.();
      redis?.close();
      await database.close();
      if (lock) releaseDataDirLock(config.dataDir);
    },
    log: log('shutdown'),
  });
  return { port, close };
}

function printDemoAccounts() {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  // No quotes: a JSON log line would escape them, and people copy the password from here.
  logger.info(`demo accounts (password ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) {
    const what = a.delegation ? `${a.role}, ${a.delegation}` : a.role;
    logger.info(`  ${a.email.padEnd(width)}  ${what}${a.committee ? ` (${a.committee})` : ''}`);
  }
}

const isMain =
  process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname);
if (isMain) {
  // `npm run dev`: the same server with Next in development mode.
  startServer()
    .then((running) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          logger.info(`${signal}: closing`);
          running.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        });
      }
    })
    .catch((e) => {
      logger.fatal(`could not start: ${startupFailure(e)}`);
      process.exit(1);
    });
}
