import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connect, paragraphsOf, sleep, typeAt, waitFor, type TestClient } from './clients';
import { startCollabFixture, type CollabFixture } from './server';

/**
 * Who may connect and who may write, decided before any Yjs byte is read, and changed
 * while connected when a role or the stage changes.
 */
let f: CollabFixture;
const clients: TestClient[] = [];
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  f = await startCollabFixture();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await f?.server.stop();
});

const refusedWith = async (c: TestClient) => {
  await waitFor(() => c.closeCodes.length > 0, 10_000, 'refusal');
  expect(c.provider.synced).toBe(false);
  return c.closeCodes[0];
};

describe('admission', () => {
  it('refuses no credentials, a forged token, a foreign origin, an outsider and an unknown id', async () => {
    expect(await refusedWith(open(f.server.port, f.resolutionId, {}))).toBe(4401);
    expect(
      await refusedWith(open(f.server.port, f.resolutionId, { token: 'cct_forged_0000000000000000000000000000' })),
    ).toBe(4401);
    expect(
      await refusedWith(
        open(f.server.port, f.resolutionId, { cookie: f.cookies.iran, origin: 'https://evil.example' }),
      ),
    ).toBe(4403);
    expect(await refusedWith(open(f.server.port, f.resolutionId, { token: f.tokens.democracy }))).toBe(4404);
    expect(
      await refusedWith(open(f.server.port, '00000000-0000-4000-8000-000000000000', { token: f.tokens.iran })),
    ).toBe(4404);
    // The app's own origin is fine.
    const own = open(f.server.port, f.resolutionId, { cookie: f.cookies.iran, origin: f.server.url });
    await waitFor(() => own.provider.synced, 10_000, 'own-origin sync');
    own.provider.disconnect();
  });
});

describe('read-only connections', () => {
  it("never apply, relay or store an observer's update", async () => {
    const member = open(f.server.port, f.resolutionId, { token: f.tokens.thailand });
    const observer = open(f.server.port, f.resolutionId, { token: f.tokens.observer });
    await waitFor(() => member.provider.synced && observer.provider.synced, 10_000, 'sync');
    expect(observer.accessNotices).toEqual(['read']);
    expect(member.accessNotices).toEqual(['write']);

    typeAt(observer.doc, 1, 'OBSERVER-WROTE-THIS ');
    typeAt(member.doc, 2, 'MEMBER-WROTE-THIS ');
    await waitFor(
      () => paragraphsOf(observer.doc).join().includes('MEMBER-WROTE-THIS'),
      10_000,
      'member edit reaches observer',
    );
    await sleep(300);
    expect(paragraphsOf(member.doc).join()).not.toContain('OBSERVER-WROTE-THIS');
    // What the server holds (and would give a new client or the API) has no trace of it.
    const { paragraphs } = await api<{ paragraphs: { text: string }[] }>(
      f.server.url,
      f.tokens.chair,
      `/resolutions/${f.resolutionId}/text`,
    );
    expect(paragraphs.map((p) => p.text).join()).toContain('MEMBER-WROTE-THIS');
    expect(paragraphs.map((p) => p.text).join()).not.toContain('OBSERVER-WROTE-THIS');
    member.provider.disconnect();
    observer.provider.disconnect();
  });
});

describe('access changes while connected', () => {
  it('removing a member closes their socket within 2 s', async () => {
    const kenya = open(f.server.port, f.resolutionId, { token: f.tokens.kenya });
    await waitFor(() => kenya.provider.synced, 10_000, 'sync');
    const { members } = await api<{ members: { userId: string; email: string }[] }>(
      f.server.url,
      f.tokens.chair,
      '/committees/peace-security/members',
    );
    const kenyaId = members.find((m) => m.email === 'kenya@example.org')!.userId;
    const started = Date.now();
    await api(f.server.url, f.tokens.chair, `/committees/peace-security/members/${kenyaId}`, { method: 'DELETE' });
    await waitFor(() => kenya.closeCodes.includes(4000), 2000, 'close 4000');
    expect(Date.now() - started).toBeLessThan(2000);
    kenya.provider.disconnect();
  });

  it('moving to the amendment stage makes members read-only within 2 s; their updates are dropped', async () => {
    const iran = open(f.server.port, f.resolutionId, { token: f.tokens.iran });
    const secretariat = open(f.server.port, f.resolutionId, { token: f.tokens.secretariat });
    await waitFor(() => iran.provider.synced && secretariat.provider.synced, 10_000, 'sync');
    const started = Date.now();
    await api(f.server.url, f.tokens.chair, `/resolutions/${f.resolutionId}/stage`, {
      method: 'POST',
      body: { to: 'amendments' },
    });
    await waitFor(() => iran.accessNotices.at(-1) === 'read', 2000, 'downgrade notice');
    expect(Date.now() - started).toBeLessThan(2000);
    // The secretariat keeps write access for technical corrections.
    expect(secretariat.accessNotices.at(-1)).toBe('write');

    typeAt(iran.doc, 0, 'LATE-EDIT ');
    typeAt(secretariat.doc, 4, 'TECHNICAL-CORRECTION ');
    await waitFor(
      () => paragraphsOf(iran.doc).join().includes('TECHNICAL-CORRECTION'),
      10_000,
      'correction reaches member',
    );
    await sleep(300);
    expect(paragraphsOf(secretariat.doc).join()).not.toContain('LATE-EDIT');
  });
});
