import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * An in-memory PGlite database with every migration applied, dumped once per run by the
 * global setup: the suites' in-memory databases start from it (db/client.ts `fromDump`).
 * Creating a cluster is most of an open (2.5–4.3 s against about 1 s from the dump, on an
 * idle machine of this kind), and the suites open a few dozen. `openDatabase` still applies
 * the migrations on top, so a dump that lags behind drizzle/ would be caught up, not trusted.
 */
export async function makePgliteDump(): Promise<{ file: string; remove: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-pglite-dump-'));
  const pg = new PGlite();
  try {
    await migrate(drizzle(pg), { migrationsFolder: path.join(root, 'drizzle') });
    const dump = await pg.dumpDataDir('none');
    const file = path.join(dir, 'migrated.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } finally {
    await pg.close();
  }
}
