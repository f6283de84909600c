import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import { holdingStartLock } from './start-lock';
import { secureDataFolder } from './data-folder';

/**
 * One drizzle API over both engines. PGlite's and postgres-js's drizzle databases share the
 * query builder; typing both as the postgres-js one keeps call sites free of unions.
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything queries may run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where it lives, for logs: a folder, ':memory:' or a URL without password. */
  location: string;
  /**
   * PostgreSQL only: hears NOTIFY on a channel over a connection of its own (reconnected
   * when lost), until the returned function is called.
   */
  listen?(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when set, PostgreSQL is used. */
  url?: string;
  /** PGlite data folder; ignored with url. Omit both for an in-memory PGlite. */
  dataDir?: string;
  /**
   * Start-up work that must not run in two processes at once (the auth secret, the demo
   * data): run right after the migrations, under the same lock.
   */
  atStart?: (db: Db) => Promise<void>;
  /**
   * PGlite on the caller's own thread instead of its worker: only for measuring what the
   * worker saves (bench/measure/pglite-stall.ts; CONCORD_PGLITE_IN_THREAD=1 for a server).
   */
  inThread?: boolean;
  /**
   * In-memory PGlite only: start from this dump of a data folder (PGlite's `dumpDataDir`,
   * uncompressed tar) instead of creating a cluster, which is most of an open's time: the
   * test suites open an in-memory database per file, some per test, from a migrated dump.
   */
  fromDump?: string;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'drizzle');

/**
 * Opens a database and applies the migrations in drizzle/. PGlite runs in a worker thread
 * (db/pglite-thread.ts), so its queries never hold the caller's thread.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const client = postgres(options.url, {
      max: 10,
      onnotice: () => {},
      // Named in pg_stat_activity, so a held start-up lock can say which process holds it.
      connection: { application_name: `concord ${os.hostname()} pid ${process.pid}` },
    });
    const db = drizzlePostgres(client, { schema });
    try {
      // Several Concord processes may start together: one migrates and seeds at a time.
      await holdingStartLock(client, async () => {
        await migratePostgres(db, { migrationsFolder });
        await options.atStart?.(db);
      });
    } catch (e) {
      await client.end({ timeout: 1 }).catch(() => {});
      throw e;
    }
    return {
      db,
      kind: 'postgres',
      location: options.url.replace(/\/\/[^@/]*@/, '//'),
      async listen(channel, onMessage) {
        const { unlisten } = await client.listen(channel, onMessage);
        return unlisten;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  // Owner-only before PGlite writes a file; the umask set here holds in its worker too.
  if (options.dataDir) secureDataFolder(options.dataDir);
  const { startPgliteThread } = await import('./pglite-thread');
  // CONCORD_PGLITE_IN_THREAD=1: the old way, for A/B measurements of a whole server.
  const inThread = options.inThread ?? process.env.CONCORD_PGLITE_IN_THREAD === '1';
  const fromDump = options.dataDir ? undefined : options.fromDump;
  const thread = inThread
    ? await inThreadPglite(options.dataDir, fromDump)
    : await startPgliteThread(options.dataDir, fromDump);
  // A new database is unpacked from PGlite's template with its modes (0666) set explicitly,
  // which no umask prevents: take them back now. Later files follow the umask.
  if (options.dataDir) secureDataFolder(options.dataDir);
  // The thread answers the calls drizzle's PGlite session makes, with PGlite's own results.
  const db = drizzlePglite(thread as unknown as PGlite, { schema }) as unknown as Db;
  try {
    // One process per PGlite folder (db/data-dir-lock.ts): no other starter to wait for.
    await migratePglite(db as never, { migrationsFolder });
    await options.atStart?.(db);
  } catch (e) {
    await thread.close().catch(() => {});
    throw e;
  }
  return {
    db,
    kind: 'pglite',
    location: options.dataDir ?? ':memory:',
    close: () => thread.close(),
  };
}

async function inThreadPglite(dataDir: string | undefined, fromDump: string | undefined): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { byteaCodec } = await import('./pglite-bytea.mjs');
  const loadDataDir = fromDump ? new Blob([fs.readFileSync(fromDump)]) : undefined;
  const client = dataDir ? new PGlite(dataDir, byteaCodec) : new PGlite({ ...byteaCodec, loadDataDir });
  await client.waitReady;
  return client;
}

export function dataDirFromEnv(): string {
  return path.resolve(process.env.CONCORD_DATA_DIR || '.data');
}

/** The options the server and the CLI derive from the environment. */
export function databaseOptionsFromEnv(): DatabaseOptions {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  return { dataDir: path.join(dataDirFromEnv(), 'pglite') };
}

/*
 * The process-wide database lives on globalThis: Next bundles route handlers apart from
 * server/, so a module-level variable would exist twice and PGlite allows one instance per
 * data folder.
 */
const slot = globalThis as unknown as { __concordDatabase?: Promise<Database> };

/** Installs the process's database (server start, tests). */
export function installDatabase(database: Promise<Database>): Promise<Database> {
  slot.__concordDatabase = database;
  return database;
}

export function getDatabase(): Promise<Database> {
  if (!slot.__concordDatabase) slot.__concordDatabase = openDatabase(databaseOptionsFromEnv());
  return slot.__concordDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Throws unless every migration in drizzle/ has been applied to `db` (readiness). */
export async function checkMigrationsApplied(db: Db): Promise<void> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const expected = Math.max(0, ...journal.entries.map((e) => e.when));
  const rows = (await db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`)) as unknown as
    | { last: string | number | null }[]
    | { rows: { last: string | number | null }[] };
  const last = Number((Array.isArray(rows) ? rows : rows.rows)[0]?.last ?? 0);
  if (last < expected) throw new Error('migrations pending');
}
