import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { sql } from 'drizzle-orm';
import * as schema from './schema';

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
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when set, PostgreSQL is used. */
  url?: string;
  /** PGlite data folder; ignored with url. Omit both for an in-memory PGlite. */
  dataDir?: string;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'drizzle');

/** Opens a database and applies the migrations in drizzle/. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const client = postgres(options.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    // Several Concord processes may start together: one migrates at a time.
    await client`select pg_advisory_lock(7263514)`;
    try {
      await migratePostgres(db, { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(7263514)`;
    }
    return {
      db,
      kind: 'postgres',
      location: options.url.replace(/\/\/[^@/]*@/, '//'),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: 'pglite',
    location: options.dataDir ?? ':memory:',
    close: () => client.close(),
  };
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
