import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl, redisUrl, skipUnless } from '../helpers/services';
import { startConcord, type RunningConcord } from '../e2e/harness';
import * as Y from 'yjs';
import { DRAFT_FIELD, readDraftText } from '@/lib/amendments/draft-text';
import {
  api,
  apiToken,
  connect,
  paragraphsOf,
  randomEdit,
  seeded,
  signInCookie,
  sleep,
  typeAt,
  waitFor,
  type TestClient,
} from './clients';

/**
 * Two Concord processes on one PostgreSQL database, relaying through Redis: clients split
 * across them converge; when one process is killed mid-edit its clients move to the other
 * and nothing is lost.
 */
const skip = skipUnless(!!postgresUrl() && !!redisUrl(), 'PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL)');

describe.skipIf(skip)('two processes through Redis', () => {
  let databaseName = '';
  let databaseUrl = '';
  const servers: RunningConcord[] = [];
  const clients: TestClient[] = [];
  let resolutionId = '';
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    databaseName = `concord_t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(postgresUrl()!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(postgresUrl()!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    // One after the other: the first migrates and seeds, the second finds it done.
    for (let i = 0; i < 2; i++) servers.push(await startConcord({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl()! }));
    for (const who of ['iran', 'thailand', 'canada', 'kenya'])
      tokens[who] = await apiToken(servers[0].url, await signInCookie(servers[0].url, `${who}@example.org`));
    const { resolutions } = await api<{ resolutions: { id: string }[] }>(
      servers[0].url,
      tokens.iran,
      '/committees/peace-security/resolutions',
    );
    resolutionId = resolutions[0].id;
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all(servers.map((s) => s.stop()));
    if (databaseName) {
      const admin = postgres(postgresUrl()!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  });

  it('clients on different processes converge; killing one loses nothing', async () => {
    const who = ['iran', 'thailand', 'canada', 'kenya'];
    for (const [i, name] of who.entries())
      clients.push(connect(servers[i % 2].port, resolutionId, { token: tokens[name] }));
    await waitFor(() => clients.every((c) => c.provider.synced), 15_000, 'sync');
    expect(paragraphsOf(clients[0].doc)).toHaveLength(50);

    const texts = () => clients.map((c) => JSON.stringify(paragraphsOf(c.doc)));
    typeAt(clients[0].doc, 0, 'FROM-PROCESS-A ');
    typeAt(clients[1].doc, 1, 'FROM-PROCESS-B ');
    await waitFor(
      () =>
        clients.every(
          (c) =>
            paragraphsOf(c.doc).join().includes('FROM-PROCESS-B') &&
            paragraphsOf(c.doc).join().includes('FROM-PROCESS-A'),
        ),
      10_000,
      'cross-process relay',
    );

    const random = seeded(42);
    let stop = false;
    const typing = (async () => {
      for (let round = 0; !stop; round++) {
        for (const [i, c] of clients.entries()) randomEdit(c.doc, random, `p${i}.${round}`);
        await sleep(10);
      }
    })();
    await sleep(1000);
    await servers[1].stop('SIGKILL');
    // Its clients move to the surviving process (what a load balancer would do).
    for (const [i, c] of clients.entries()) {
      if (i % 2 === 1) c.provider.serverUrl = `ws://127.0.0.1:${servers[0].port}/collab`;
    }
    await sleep(500);
    stop = true;
    await typing;
    for (const [i, c] of clients.entries()) typeAt(c.doc, 20 + i, `final${i} `);
    await waitFor(
      () => clients.every((c) => c.provider.wsconnected) && new Set(texts()).size === 1,
      30_000,
      'convergence on one process',
    ).catch((e) => {
      // What each side holds, for the failure's story.
      for (const [i, c] of clients.entries()) {
        console.error(
          `client ${i}: connected ${c.provider.wsconnected}, synced ${c.provider.synced}, closed with ${JSON.stringify(c.closeCodes.slice(-5))} (${c.closeCodes.length} closes), state vector ${JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(c.doc))])}`,
        );
      }
      console.error(`surviving process output:\n${servers[0].output().slice(-4000)}`);
      throw e;
    });
    const text = paragraphsOf(clients[0].doc).join('\n');
    for (const i of [0, 1, 2, 3]) expect(text).toContain(`final${i}`);

    // What the database holds equals what everyone sees: a fresh client on a new process.
    await sleep(300);
    servers.push(await startConcord({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl()! }));
    const fresh = connect(servers[2].port, resolutionId, { token: tokens.iran });
    clients.push(fresh);
    await waitFor(() => fresh.provider.synced, 15_000, 'fresh sync');
    expect(paragraphsOf(fresh.doc)).toEqual(paragraphsOf(clients[0].doc));
  }, 120_000);

  it('a stage change made on one process downgrades sockets on the other within 2 s', async () => {
    const onOther = connect(servers[2].port, resolutionId, { token: tokens.thailand });
    clients.push(onOther);
    await waitFor(() => onOther.provider.synced, 15_000, 'sync');
    expect(onOther.accessNotices.at(-1)).toBe('write');
    const chair = await apiToken(servers[0].url, await signInCookie(servers[0].url, 'chair@example.org'));
    const started = Date.now();
    await api(servers[0].url, chair, `/resolutions/${resolutionId}/stage`, {
      method: 'POST',
      body: { to: 'amendments' },
    });
    await waitFor(() => onOther.accessNotices.at(-1) === 'read', 2000, 'downgrade on the other process');
    expect(Date.now() - started).toBeLessThan(2000);
  }, 60_000);

  it('a draft amendment co-edited from two processes converges, is stored once, and tabling on one closes it on both', async () => {
    const { paragraphs } = await api<{ paragraphs: { id: string; label: string; text: string }[] }>(
      servers[0].url,
      tokens.iran,
      `/resolutions/${resolutionId}/text`,
    );
    const op8 = paragraphs.find((p) => p.label === 'OP 8')!;
    const { delegations } = await api<{ delegations: { id: string; name: string }[] }>(
      servers[0].url,
      tokens.iran,
      '/committees/peace-security/delegations',
    );
    const thailandId = delegations.find((d) => d.name === 'Thailand')!.id;
    const { id } = await api<{ id: string }>(servers[0].url, tokens.iran, `/resolutions/${resolutionId}/amendments`, {
      method: 'POST',
      body: {
        kind: 'modify',
        targetParagraphId: op8.id,
        proposedText: `${op8.text} (draft)`,
        coSponsorDelegationIds: [thailandId],
      },
    });
    const iran = connect(servers[0].port, `amendment/${id}`, { token: tokens.iran });
    const thailand = connect(servers[2].port, `amendment/${id}`, { token: tokens.thailand });
    clients.push(iran, thailand);
    await waitFor(() => iran.provider.synced && thailand.provider.synced, 15_000, 'sync');
    const wording = (c: TestClient) => readDraftText(c.doc);
    const typeInDraft = (c: TestClient, at: (text: string) => number, words: string) => {
      const paragraph = c.doc.getXmlFragment(DRAFT_FIELD).get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).insert(at(wording(c)), words);
    };
    // Both type at once, on different processes.
    typeInDraft(iran, () => 0, 'A: ');
    typeInDraft(thailand, (t) => t.length, ' :B');
    await waitFor(
      () => wording(iran) === wording(thailand) && wording(iran).startsWith('A: ') && wording(iran).endsWith(' :B'),
      10_000,
      'cross-process draft relay',
    );
    const { proposedText } = await api<{ proposedText: string }>(servers[2].url, tokens.thailand, `/amendments/${id}`);
    expect(proposedText).toBe(`A: ${op8.text} (draft) :B`);

    const started = Date.now();
    await api(servers[0].url, tokens.iran, `/amendments/${id}/table`, { method: 'POST' });
    await waitFor(
      () => thailand.accessNotices.at(-1) === 'read' && iran.accessNotices.at(-1) === 'read',
      2000,
      'read-only on both processes',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  }, 60_000);
});
