import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../db/client';
import { addDelegation, addMember, createCommittee } from '../../db/commands/committee-roster';
import { issueApiToken } from '../../db/commands/token-issuer';
import { importResolution } from '../../db/commands/resolution-importer';
import { loadDocState } from '../../db/queries/doc-state';
import { projectRoot } from './child';

/**
 * The data Concord needs before a benchmark, made with Concord's own commands: a committee
 * with 190 delegations, a chair, `editors` members (who may co-edit a draft) and `watchers`
 * observers (read-only connections), an API token each, and the example resolution imported
 * as a draft.
 */
export interface ConcordFixture {
  /** CONCORD_DATA_DIR of a prepared PGlite folder (copy it before serving: see copyFixtureDir). */
  dataDir: string | null;
  committeeId: string;
  chairId: string;
  resolutionId: string;
  editorTokens: string[];
  watcherTokens: string[];
  /** The imported resolution's stored state (also loaded into the reference server). */
  initialState: Uint8Array;
}

export const EXAMPLE_PATH = path.join(projectRoot, 'data', 'ipu-122nd-assembly-resolution.txt');
export const DELEGATIONS = 190;

export async function populate(
  database: Database,
  props: { editors: number; watchers: number; tag: string },
): Promise<Omit<ConcordFixture, 'dataDir'>> {
  const { db } = database;
  const people = await db.transaction(async (tx) => {
    const committee = await createCommittee(tx, {
      slug: `bench-${props.tag}`,
      name: 'Benchmark Committee',
      sessionLabel: 'Benchmark Assembly',
      place: 'Geneva',
    });
    const delegations = [];
    for (let i = 0; i < DELEGATIONS; i++)
      delegations.push(await addDelegation(tx, committee.id, { name: `Delegation ${String(i + 1).padStart(3, '0')}` }));
    const chair = await addMember(tx, committee.id, {
      email: `chair-${props.tag}@bench.invalid`,
      name: 'Bench chair',
      role: 'chair',
    });
    const token = async (userId: string) => (await issueApiToken(tx, userId, 'benchmark')).token;
    const editorTokens: string[] = [];
    for (let i = 0; i < props.editors; i++) {
      const m = await addMember(tx, committee.id, {
        email: `editor-${i}-${props.tag}@bench.invalid`,
        name: `Bench editor ${i}`,
        role: 'member',
        delegationId: delegations[i % DELEGATIONS].id,
      });
      editorTokens.push(await token(m.userId));
    }
    const watcherTokens: string[] = [];
    for (let i = 0; i < props.watchers; i++) {
      const m = await addMember(tx, committee.id, {
        email: `observer-${i}-${props.tag}@bench.invalid`,
        name: `Bench observer ${i}`,
        role: 'observer',
      });
      watcherTokens.push(await token(m.userId));
    }
    return { committeeId: committee.id, chairId: chair.userId, editorTokens, watcherTokens };
  });
  const { resolution } = await importResolution(db, {
    committeeId: people.committeeId,
    actorId: people.chairId,
    text: fs.readFileSync(EXAMPLE_PATH, 'utf8'),
    title: 'Benchmark resolution',
  });
  const { update } = await loadDocState(db, resolution.id);
  return { ...people, resolutionId: resolution.id, initialState: update };
}

/** A PGlite folder prepared once per run; every server start serves a fresh copy of it. */
export async function preparePgliteFixture(props: { editors: number; watchers: number }): Promise<ConcordFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-template-'));
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  try {
    return { dataDir, ...(await populate(database, { ...props, tag: 'pglite' })) };
  } finally {
    await database.close();
  }
}

/** A copy of the prepared folder for one server start (PGlite: one process per folder). */
export function copyFixtureDir(fixture: ConcordFixture): string {
  if (!fixture.dataDir) throw new Error('this fixture lives in PostgreSQL, not in a PGlite folder');
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
  fs.cpSync(fixture.dataDir, copy, { recursive: true });
  return copy;
}

export function removeDir(dir: string | null): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
