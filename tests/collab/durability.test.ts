import * as Y from 'yjs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { loadDocState } from '@/db/queries/doc-state';
import { connect, paragraphsOf, randomEdit, seeded, sleep, typeAt, waitFor, type TestClient } from './clients';
import { startCollabFixture, type CollabFixture } from './server';

/**
 * SIGKILL while clients edit: every update any client had received from the server must
 * already be in the database (updates are stored before they are relayed), and after a
 * restart every client, with what it typed meanwhile, converges again.
 */
let f: CollabFixture;
const clients: TestClient[] = [];

beforeAll(async () => {
  f = await startCollabFixture({}, ['iran', 'thailand', 'canada']);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await f?.server.stop();
});

/** Whether everything `update` inserts is in `doc` (a state vector comparison per client). */
function contains(doc: Y.Doc, update: Uint8Array): boolean {
  const have = Y.encodeStateVector(doc);
  const missing = Y.decodeUpdate(Y.diffUpdate(update, have));
  return missing.structs.length === 0;
}

describe('killing the server mid-edit', () => {
  it('loses no update any client had received, and clients converge after restart', async () => {
    for (const name of ['iran', 'thailand', 'canada'])
      clients.push(connect(f.server.port, f.resolutionId, { token: f.tokens[name] }));
    await waitFor(() => clients.every((c) => c.provider.synced), 15_000, 'initial sync');
    const random = seeded(7);
    let stop = false;
    const typing = (async () => {
      for (let round = 0; !stop; round++) {
        for (const [i, c] of clients.entries()) randomEdit(c.doc, random, `k${i}.${round}`);
        await sleep(5);
      }
    })();
    // Kill once the clients have received a fair amount of each other's typing: a fixed
    // wait saw only 3 deliveries when the shared machine was at load average 40.
    await waitFor(() => clients.flatMap((c) => c.received).length > 20, 60_000, 'some relayed typing');
    await sleep(300);
    await f.server.stop('SIGKILL');
    const receivedBeforeKill = clients.flatMap((c) => c.received);
    stop = true;
    await typing;
    expect(receivedBeforeKill.length).toBeGreaterThan(20);
    console.log(`[durability] killed after ${receivedBeforeKill.length} received updates`);

    // Read what the killed server left on disk, with nothing else running.
    const database = await openDatabase({ dataDir: path.join(f.server.dataDir, 'pglite') });
    const stored = new Y.Doc();
    try {
      Y.applyUpdate(stored, (await loadDocState(database.db, f.resolutionId)).update);
    } finally {
      await database.close();
    }
    console.log('[durability] stored state read');
    const lost = receivedBeforeKill.filter((u) => !contains(stored, u));
    expect(lost).toHaveLength(0);

    // Offline edits while the server is down, then the server comes back on the same port.
    for (const [i, c] of clients.entries()) typeAt(c.doc, 10 + i, `offline${i} `);
    await f.restart();
    console.log('[durability] restarted');
    const texts = () => clients.map((c) => JSON.stringify(paragraphsOf(c.doc)));
    await waitFor(
      () => clients.every((c) => c.provider.wsconnected) && new Set(texts()).size === 1,
      30_000,
      'convergence after restart',
    );
    const text = paragraphsOf(clients[0].doc).join('\n');
    for (const i of [0, 1, 2]) expect(text).toContain(`offline${i}`);
  }, 120_000);
});
