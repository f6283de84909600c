import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { postgresUrl } from './services';

/**
 * Real databases for tests: an in-memory PGlite always, and a fresh PostgreSQL database per
 * test file when TEST_DATABASE_URL is set (created here, dropped by `close`), so files never
 * depend on each other or on a wiped database.
 */
export interface TestDatabase extends Database {
  label: 'pglite' | 'postgres';
}

/** The run's migrated dump (tests/helpers/pglite-dump.ts) in-memory databases start from. */
export function pgliteDump(): string | undefined {
  return (process.env.VITEST ? inject('pgliteDump') : '') || undefined;
}

export async function openPglite(): Promise<TestDatabase> {
  const db = await openDatabase({ fromDump: pgliteDump() });
  return Object.assign(db, { label: 'pglite' as const });
}

export async function openFreshPostgres(): Promise<TestDatabase> {
  const base = postgresUrl();
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `concord_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  const closeConnection = db.close.bind(db);
  return Object.assign(db, {
    label: 'postgres' as const,
    close: async () => {
      await closeConnection();
      const cleanup = postgres(base, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  });
}

/** The databases a suite runs against: PGlite, plus PostgreSQL when configured. */
export function testDatabaseKinds(): ('pglite' | 'postgres')[] {
  return postgresUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export function openTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  return kind === 'pglite' ? openPglite() : openFreshPostgres();
}
