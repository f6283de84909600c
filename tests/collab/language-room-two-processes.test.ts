import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { startConcord, type RunningConcord } from '../e2e/harness';
import { postgresUrl, redisUrl, skipUnless } from '../helpers/services';
import { api, apiToken, connect, signInCookie, waitFor, type TestClient } from './clients';

/**
 * A language version translated on one process while the original is edited on another
 * (PostgreSQL + Redis): a change of the original's structure reaches the translators at
 * once, though no process holds both rooms and nobody in the version's room types.
 */
const skip = skipUnless(!!postgresUrl() && !!redisUrl(), 'PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL)');

describe.skipIf(skip)('a language room on another process than the original', () => {
  let databaseName = '';
  const servers: RunningConcord[] = [];
  const clients: TestClient[] = [];
  const tokens: Record<string, string> = {};
  let resolutionId = '';

  beforeAll(async () => {
    databaseName = `concord_t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(postgresUrl()!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(postgresUrl()!);
    url.pathname = `/${databaseName}`;
    // A prefix of its own: no other test's processes are heard.
    const env = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl()!, CONCORD_REDIS_PREFIX: `${databaseName}:` };
    // One after the other: the first migrates and seeds, the second finds it done.
    for (let i = 0; i < 2; i++) servers.push(await startConcord(env));
    for (const who of ['chair', 'secretariat', 'translator'])
      tokens[who] = await apiToken(servers[0].url, await signInCookie(servers[0].url, `${who}@example.org`));
    const { resolutions } = await api<{ resolutions: { id: string }[] }>(
      servers[0].url,
      tokens.chair,
      '/committees/peace-security/resolutions',
    );
    resolutionId = resolutions[0].id;
    await api(servers[0].url, tokens.chair, `/resolutions/${resolutionId}/languages`, {
      method: 'POST',
      body: { language: 'fr', official: true },
    });
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

  const elements = (doc: Y.Doc) =>
    doc
      .getXmlFragment(TEXT_FIELD)
      .toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  const ids = (doc: Y.Doc) => elements(doc).map((e) => String(e.getAttribute('id')));

  it('paragraphs inserted and deleted in the original on one process reach the version’s room on the other at once', async () => {
    // The translator on process B, the secretariat on the original on process A.
    const translator = connect(servers[1].port, `${resolutionId}/fr`, { token: tokens.translator });
    const secretariat = connect(servers[0].port, resolutionId, { token: tokens.secretariat });
    clients.push(translator, secretariat);
    await waitFor(() => translator.provider.synced && secretariat.provider.synced, 15_000, 'sync');
    expect(secretariat.accessNotices.at(-1)).toBe('write');
    expect(ids(translator.doc)).toEqual(ids(secretariat.doc));

    const fragment = secretariat.doc.getXmlFragment(TEXT_FIELD);
    secretariat.doc.transact(() => {
      const el = new Y.XmlElement('operative');
      el.setAttribute('id', 'p-inserted-on-a');
      el.insert(0, [new Y.XmlText('Decides to remain seized of the matter;')]);
      fragment.insert(3, [el]);
    });
    await waitFor(() => ids(translator.doc).includes('p-inserted-on-a'), 10_000, 'insertion on the other process');
    expect(ids(translator.doc)).toEqual(ids(secretariat.doc));

    const removed = ids(secretariat.doc)[5];
    fragment.delete(5, 1);
    await waitFor(() => !ids(translator.doc).includes(removed), 10_000, 'deletion on the other process');
    expect(ids(translator.doc)).toEqual(ids(secretariat.doc));
  }, 90_000);
});
