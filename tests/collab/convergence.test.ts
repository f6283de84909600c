import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, paragraphsOf, randomEdit, seeded, sleep, typeAt, waitFor, type TestClient } from './clients';
import { startCollabFixture, type CollabFixture } from './server';

/**
 * Five stock y-websocket clients edit the same paragraphs at random, dropping and regaining
 * their connection at random; they must end with identical text, and a client that loads
 * the document afresh after a restart must see that same text.
 */
let f: CollabFixture;
const clients: TestClient[] = [];

beforeAll(async () => {
  // A low compaction threshold: the text must survive being folded into snapshots.
  f = await startCollabFixture({ CONCORD_COLLAB_COMPACT_AFTER: '20' }, [
    'chair',
    'secretariat',
    'iran',
    'thailand',
    'canada',
  ]);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await f?.server.stop();
});

describe('five clients editing concurrently', () => {
  it('converge on identical text, equal to a reload from the database', async () => {
    const who = ['chair', 'secretariat', 'iran', 'thailand', 'canada'];
    for (const [i, name] of who.entries()) {
      // Half by session cookie, half by API token: both ways in.
      clients.push(
        connect(
          f.server.port,
          f.resolutionId,
          i % 2 ? { token: f.tokens[name] } : { cookie: f.cookies[name], origin: f.server.url },
        ),
      );
    }
    await waitFor(() => clients.every((c) => c.provider.synced), 15_000, 'initial sync');
    const initial = paragraphsOf(clients[0].doc);
    expect(initial).toHaveLength(50); // the imported draft, not duplicated by anyone

    const random = seeded(20261129);
    for (let round = 0; round < 40; round++) {
      for (const [i, c] of clients.entries()) {
        randomEdit(c.doc, random, `c${i}r${round}`);
        // Now and then a client drops off and keeps typing offline.
        if (random() < 0.08 && c.provider.wsconnected) c.provider.disconnect();
        else if (!c.provider.shouldConnect && random() < 0.5) c.provider.connect();
      }
      await sleep(15);
    }
    // One last insertion each, concurrent with everyone's: a random edit may be a deletion
    // and a later one may cut into an earlier tag, so only these are certain to survive.
    for (const [i, c] of clients.entries()) typeAt(c.doc, 30 + (i % 2), `final-c${i} `);
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
    const texts = () => clients.map((c) => JSON.stringify(paragraphsOf(c.doc)));
    await waitFor(() => new Set(texts()).size === 1, 20_000, 'convergence');
    const converged = paragraphsOf(clients[0].doc).join('\n');
    for (const i of clients.keys()) expect(converged).toContain(`final-c${i} `);
    expect(converged).toMatch(/ c\dr\d+/); // the random typing, not only the final tags
    expect(paragraphsOf(clients[0].doc)).not.toEqual(initial);

    // A quiet second lets the server compact; then a clean restart, and a client that has
    // never seen the document loads it from snapshot + tail.
    await sleep(1500);
    for (const c of clients) c.provider.disconnect();
    await f.restart();
    const fresh = connect(f.server.port, f.resolutionId, { token: f.tokens.chair });
    clients.push(fresh);
    await waitFor(() => fresh.provider.synced, 15_000, 'fresh client sync');
    expect(paragraphsOf(fresh.doc).join('\n')).toEqual(converged);
  }, 90_000); // its waits add up to more than the default 30 s when the machine is loaded
});
