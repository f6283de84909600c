import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import next from 'next';
import { installDatabase, openDatabase, type Database } from '../db/client';
import { acquireDataDirLock, releaseDataDirLock, updateDataDirLock, type DataDirLock } from '../db/data-dir-lock';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoOnce } from '../db/commands/demo-seeder';
import { readServerConfig, projectRoot, type ServerConfig } from './config';
import { ensureAuthSecret } from './secrets';
import { createCollabService } from './collab/service';
import { createCliBridge } from './cli-bridge';
import { setCollabService } from './collab/registry';
import { accessChanged } from './resolution-text';
import { createRelay } from './collab/relay-factory';
import { clientAddressStamper } from './auth/client-address';

/**
 * The Concord process: one HTTP server on one port hosting the Next.js app (pages and
 * /api/v1), the collaboration WebSocket endpoint (/collab/<resolution id>) and, for the
 * CLI, a local command bridge. Start-up order matters: database and migrations, auth
 * secret, demo data, then Next, then listen.
 */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig = readServerConfig()): Promise<RunningServer> {
  const lock: DataDirLock | null = config.databaseUrl ? null : acquireDataDirLock(config.dataDir, 'server', null);
  let database: Database;
  try {
    database = await installDatabase(
      openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') }),
    );
  } catch (e) {
    if (!config.databaseUrl) releaseDataDirLock(config.dataDir);
    throw e;
  }
  log(`database: ${database.kind} (${database.location}), migrations applied`);
  await ensureAuthSecret(database.db);
  const publicUrlGiven = !!process.env.NEXTAUTH_URL;
  process.env.NEXTAUTH_URL ||= config.publicUrl;

  if (config.seedDemo && (await seedDemoOnce(database.db))) {
    log('demo data seeded: committee "peace-security" with the example resolution as a draft');
  }
  printDemoAccounts();

  const app = next({ dev: config.dev, dir: projectRoot, quiet: !config.dev });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgradeNext = app.getUpgradeHandler();

  const relay = await createRelay(config.redisUrl, log);
  const collab = createCollabService({ getDb: async () => database.db, relay });
  setCollabService(collab);
  const cliBridge = lock
    ? createCliBridge({ getDb: async () => database.db, secret: lock.secret, accessChanged })
    : null;

  // Sign-in throttling needs the client's real address, which only this server knows.
  const stampClientAddress = clientAddressStamper();
  const server = http.createServer((req, res) => {
    if (cliBridge?.(req, res)) return;
    stampClientAddress(req);
    handle(req, res).catch((e) => {
      console.error('[http] request failed', e);
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (collab.handleUpgrade(req, socket, head)) return;
    upgradeNext(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as { port: number }).port;
  // With PORT=0 the public URL (next-auth callbacks, the socket Origin check) names the real port.
  if (!publicUrlGiven && config.port === 0) process.env.NEXTAUTH_URL = `http://localhost:${port}`;
  if (lock) updateDataDirLock(config.dataDir, { ...lock, port });
  log(`ready on http://localhost:${port} (collaboration: ws://localhost:${port}/collab/<resolution id>)`);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      server.closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      await collab.close();
      setCollabService(null);
      await app.close?.();
      await database.close();
      if (lock) releaseDataDirLock(config.dataDir);
    })());
  return { port, close };
}

function printDemoAccounts() {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  log(`demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) {
    const what = a.delegation ? `${a.role}, ${a.delegation}` : a.role;
    log(`  ${a.email.padEnd(width)}  ${what}${a.committee ? ` (${a.committee})` : ''}`);
  }
}

function log(message: string) {
  console.log(`[concord] ${message}`);
}

const isMain =
  process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname);
if (isMain) {
  startServer()
    .then((running) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          log(`${signal}: closing`);
          running.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        });
      }
    })
    .catch((e) => {
      console.error(`[concord] could not start: ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    });
}
