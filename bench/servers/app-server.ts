import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../../db/client';
import { freePort, projectRoot, startServerChild, type ServerChild } from './child';
import { removeDir } from './concord-fixture';

/**
 * The whole Concord app server (`server/start.ts`: Next + API + collaboration socket), as a
 * user starts it with `npm start`. B4 and B5 need it: ballots and pages are served by Next,
 * which the standalone collaboration service the other scenarios start does not include.
 */

export const START_SCRIPT = path.join(projectRoot, 'server', 'start.ts');
/** A build folder of the bench's own, so it never clashes with a build made by someone else in the same tree. */
export const BENCH_NEXT_DIST = process.env.CONCORD_NEXT_DIST || '.next-bench';

/** Which build was served: a figure measured on a build older than the sources says so. */
export interface BuildServed {
  dir: string;
  builtAt: string;
  /** Source files of the app (app, lib, db, server) changed after that build. */
  newerSources: string[];
}

export interface AppServer {
  child: ServerChild;
  build: BuildServed;
  /** http://localhost:PORT — the origin the app calls itself (cookies and NEXTAUTH_URL agree on it). */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A fresh, empty PostgreSQL database next to TEST_DATABASE_URL's, filled by `fill` with
 * Concord's own commands; `drop` removes it.
 */
export async function preparePostgres<T>(
  fill: (db: Db) => Promise<T>,
): Promise<{ url: string; value: T; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const { default: postgres } = await import('postgres');
  const name = `concord_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const drop = async () => {
    const cleanup = postgres(base, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
  const database = await openDatabase({ url: url.toString() });
  try {
    return { url: url.toString(), value: await fill(database.db), drop };
  } catch (e) {
    await database.close();
    await drop();
    throw e;
  } finally {
    await database.close().catch(() => undefined);
  }
}

/** A fresh PGlite data folder filled by `fill` with Concord's own commands, before any server opens it. */
export async function prepareDataDir<T>(fill: (db: Db) => Promise<T>): Promise<{ dataDir: string; value: T }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-app-'));
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  try {
    return { dataDir, value: await fill(database.db) };
  } catch (e) {
    await database.close();
    removeDir(dataDir);
    throw e;
  } finally {
    await database.close().catch(() => undefined);
  }
}

/**
 * Starts server/start.ts on `dataDir`. An existing build in BENCH_NEXT_DIST is served as it
 * is (CONCORD_SKIP_BUILD=1: rebuilding while others edit the tree would measure a moving
 * target); without one, start.ts builds it first, which takes minutes.
 */
export async function startAppServer(dataDir: string, options: { databaseUrl?: string } = {}): Promise<AppServer> {
  const built = fs.existsSync(path.join(projectRoot, BENCH_NEXT_DIST, 'BUILD_ID'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NODE_ENV: 'production',
    CONCORD_DATA_DIR: dataDir,
    CONCORD_SEED_DEMO: '0',
    CONCORD_NEXT_DIST: BENCH_NEXT_DIST,
    NEXT_TELEMETRY_DISABLED: '1',
    ...(built ? { CONCORD_SKIP_BUILD: '1' } : {}),
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const child = await startServerChild({
    name: 'Concord app server',
    script: START_SCRIPT,
    env,
    portLine: /ready on http:\/\/localhost:(\d+)/,
    timeoutMs: built ? 120_000 : 900_000,
  });
  return {
    child,
    build: describeBuild(),
    url,
    dataDir,
    stop: async () => {
      await child.stop();
      removeDir(dataDir);
    },
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → HTTP ${status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
}

/** One API call with a bearer token; throws ApiError on anything but 2xx. */
export async function api<T = unknown>(
  base: string,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the error message
  }
  if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${route}`);
  return parsed as T;
}

function describeBuild(): BuildServed {
  const builtMs = fs.statSync(path.join(projectRoot, BENCH_NEXT_DIST, 'BUILD_ID')).mtimeMs;
  const newer: string[] = [];
  const walk = (rel: string) => {
    const full = path.join(projectRoot, rel);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isFile()) {
      if (stat.mtimeMs > builtMs && /\.(tsx?|css|js)$/.test(rel)) newer.push(rel);
      return;
    }
    for (const name of fs.readdirSync(full))
      if (!name.startsWith('.') && name !== 'node_modules') walk(path.join(rel, name));
  };
  for (const input of ['app', 'lib', 'db', 'server']) walk(input);
  return { dir: BENCH_NEXT_DIST, builtAt: new Date(builtMs).toISOString(), newerSources: newer.sort() };
}

/** A sentence for the report about the build served. */
export function buildNote(build: BuildServed): string {
  const changed = build.newerSources.length;
  return `Served the production build in ${build.dir} made at ${build.builtAt.slice(0, 19)}Z; ${
    changed === 0
      ? 'no source file of app/, lib/, db/ or server/ changed since.'
      : `${changed} source file(s) changed since (${build.newerSources.slice(0, 5).join(', ')}${changed > 5 ? ', …' : ''}): rebuild for figures of the current code.`
  }`;
}
