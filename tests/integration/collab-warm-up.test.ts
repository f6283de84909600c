import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { docSnapshots, docUpdates } from '@/db/schema';
import { readCollabConfig } from '@/server/collab/config';
import { createStateFolder, type FoldJob, type StateFolder } from '@/server/collab/state-folder';
import { createUpdateGuard, type UpdateGuard } from '@/server/collab/update-guard';
import { warmUpCollab } from '@/server/collab/warm-up';
import { openPglite, type TestDatabase } from '../helpers/database';

/**
 * The collaboration service's warm-up before it listens (server/collab/warm-up.ts): what it
 * starts must be started — the update guard's worker and the state folder's, each having run
 * its kinds of job — and nothing of it may be stored.
 */
let database: TestDatabase;
let guard: UpdateGuard;
let folder: StateFolder;
const jobs: FoldJob[] = [];

beforeAll(async () => {
  database = await openPglite();
  const config = readCollabConfig();
  guard = createUpdateGuard({ timeMs: config.updateGuardMs, memoryMb: config.updateGuardMemoryMb });
  const real = createStateFolder();
  folder = {
    fold: (job) => {
      jobs.push(job);
      return real.fold(job);
    },
    close: () => real.close(),
  };
});

afterAll(async () => {
  await guard?.close();
  await folder?.close();
  await database?.close();
});

describe('the relay warm-up', () => {
  it('starts the state folder on merges, a sync diff and a snapshot, and stores nothing', async () => {
    const report = await warmUpCollab({ guard, folder, config: readCollabConfig(), getDb: async () => database.db });
    // Before this was checked, the relay's warm-up never reached the folder: its first fold
    // (and its thread's start) came under a second into a session.
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    expect(jobs.some((j) => j.diff !== undefined)).toBe(true);
    expect(jobs.some((j) => j.collect.always)).toBe(true);
    expect(jobs.every((j) => j.updates.length > 0)).toBe(true);
    expect(report.folderMs).toBeGreaterThan(0);
    expect(report.guardMs).toBeGreaterThan(0);
    expect(report.relayMs).toBeGreaterThan(0);
    const [updates] = await database.db.select({ n: count() }).from(docUpdates);
    const [snapshots] = await database.db.select({ n: count() }).from(docSnapshots);
    expect(updates.n).toBe(0);
    expect(snapshots.n).toBe(0);
  }, 60_000);
});
