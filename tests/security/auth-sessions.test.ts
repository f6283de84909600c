import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConcord, type RunningConcord } from '../e2e/harness';
import { connect, waitFor, type TestClient } from '../collab/clients';
import { request, signInFrom } from './auth-http';

/**
 * A copied session cookie after sign-out (issues 11.3 and 17.1): it used to keep working for
 * 12 h. Now the session ends on the server, so every copy of the cookie is refused by the
 * API, the pages and the collaboration endpoint; "sign out everywhere" ends them all; a
 * revoked API token is refused on its next request.
 */
let concord: RunningConcord;
let resolutionId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  concord = await startConcord({ CONCORD_BCRYPT_COST: '4' });
  const chair = await signIn('chair@example.org');
  const list = await request(`${concord.url}/api/v1/committees/peace-security/resolutions`, {
    headers: { cookie: chair },
  });
  resolutionId = (JSON.parse(list.body) as { resolutions: { id: string }[] }).resolutions[0].id;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await concord?.stop();
});

async function signIn(email: string): Promise<string> {
  const outcome = await signInFrom(concord.url, email, 'concord-demo');
  if (!outcome.ok) throw new Error(`sign-in of ${email} failed: ${outcome.error}`);
  return outcome.cookie;
}

const me = (headers: Record<string, string>) => request(`${concord.url}/api/v1/me`, { headers });
const home = (cookie: string) => request(`${concord.url}/`, { headers: { cookie } });
const logout = (cookie: string, body: unknown = {}, origin = concord.url) =>
  request(`${concord.url}/api/auth/logout`, {
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A stock y-websocket client with the cookie, as a browser tab on our origin would connect. */
function socketWith(auth: { cookie?: string; token?: string }): TestClient {
  const client = connect(concord.port, resolutionId, { ...auth, origin: auth.cookie ? concord.url : undefined });
  clients.push(client);
  return client;
}
const synced = (c: TestClient) => waitFor(() => c.provider.synced, 15_000, 'sync');
async function refusedWith(c: TestClient): Promise<number> {
  await waitFor(() => c.closeCodes.length > 0, 15_000, 'refusal');
  c.provider.disconnect();
  expect(c.provider.synced).toBe(false);
  return c.closeCodes[0];
}

describe('a copied session cookie after sign-out', () => {
  it('works before, and is refused after, by the API, the pages and new sockets', async () => {
    const cookie = await signIn('iran@example.org');
    const copy = cookie; // what someone lifted from the browser
    expect((await me({ cookie: copy })).status).toBe(200);
    expect((await home(copy)).status).toBe(200);
    const shown = await request(`${concord.url}/api/auth/session`, { headers: { cookie: copy } });
    expect(JSON.parse(shown.body).user?.name).toBe('Delegate of Iran');
    const before = socketWith({ cookie: copy });
    await synced(before);
    before.provider.disconnect();

    const out = await logout(cookie);
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body)).toMatchObject({ redirect: `${concord.url}/signin?signedOut=1`, ended: 1 });
    // The browser's own cookie is cleared.
    expect(out.headers['set-cookie']?.some((c) => /^next-auth\.session-token=;.*Max-Age=0/.test(c))).toBe(true);

    expect((await me({ cookie: copy })).status).toBe(401);
    // next-auth's own session endpoint no longer shows (or renews) it either.
    const session = await request(`${concord.url}/api/auth/session`, { headers: { cookie: copy } });
    expect(JSON.parse(session.body)).toEqual({});
    const page = await home(copy);
    expect(page.status).toBe(307);
    expect(page.headers.location).toContain('/signin');
    expect(await refusedWith(socketWith({ cookie: copy }))).toBe(4401);
  });

  // The socket's re-check is CollabService.credentialsChanged, called by
  // server/auth/credentials-changed.ts (and relayed to every process through Redis).
  it('an open socket on the cookie closes with 4401 within 2 s of sign-out', async () => {
    const cookie = await signIn('kenya@example.org');
    const open = socketWith({ cookie });
    await synced(open);
    expect((await logout(cookie)).status).toBe(200);
    await waitFor(() => open.closeCodes.includes(4401), 2_500, '4401 after sign-out');
  });

  it('signing out one browser leaves the account’s other sessions alone', async () => {
    const laptop = await signIn('thailand@example.org');
    const phone = await signIn('thailand@example.org');
    await logout(laptop);
    expect((await me({ cookie: laptop })).status).toBe(401);
    expect((await me({ cookie: phone })).status).toBe(200);
  });

  it('a foreign page cannot sign anyone out', async () => {
    const cookie = await signIn('kenya@example.org');
    expect((await logout(cookie, {}, 'https://evil.example')).status).toBe(403);
    expect((await me({ cookie })).status).toBe(200);
    expect((await logout(cookie, { everywhere: 'yes' })).status).toBe(400);
    expect((await me({ cookie })).status).toBe(200);
  });
});

describe('sign out everywhere', () => {
  it('from the sign-out endpoint: every session of the account ends, API tokens stay', async () => {
    const [a, b, c] = [
      await signIn('canada@example.org'),
      await signIn('canada@example.org'),
      await signIn('canada@example.org'),
    ];
    const tokenReply = await request(`${concord.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie: a, origin: concord.url, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'script' }),
    });
    const { token } = JSON.parse(tokenReply.body) as { token: string };
    const listed = JSON.parse((await request(`${concord.url}/api/v1/sessions`, { headers: { cookie: b } })).body);
    expect(listed.sessions.length).toBeGreaterThanOrEqual(3);

    const out = await logout(a, { everywhere: true });
    expect(JSON.parse(out.body).ended).toBeGreaterThanOrEqual(3);
    for (const cookie of [a, b, c]) expect((await me({ cookie })).status).toBe(401);
    expect(await refusedWith(socketWith({ cookie: b }))).toBe(4401);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('from the API (DELETE /api/v1/sessions) with a token', async () => {
    const browser = await signIn('secretariat@example.org');
    const tokenReply = await request(`${concord.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie: browser, origin: concord.url, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'script' }),
    });
    const { token } = JSON.parse(tokenReply.body) as { token: string };
    const ended = await request(`${concord.url}/api/v1/sessions`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ended.status).toBe(200);
    expect(JSON.parse(ended.body).ended).toBeGreaterThanOrEqual(1);
    expect((await me({ cookie: browser })).status).toBe(401);
  });
});

describe('a revoked API token', () => {
  it('is refused on its next request and by new sockets', async () => {
    const cookie = await signIn('observer@example.org');
    const created = JSON.parse(
      (
        await request(`${concord.url}/api/v1/tokens`, {
          method: 'POST',
          headers: { cookie, origin: concord.url, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'to revoke' }),
        })
      ).body,
    ) as { token: string; id: string };
    const auth = { authorization: `Bearer ${created.token}` };
    expect((await me(auth)).status).toBe(200);
    const open = socketWith({ token: created.token });
    await synced(open);
    open.provider.disconnect();

    const revoked = await request(`${concord.url}/api/v1/tokens/${created.id}`, { method: 'DELETE', headers: auth });
    expect(revoked.status).toBe(200);
    expect((await me(auth)).status).toBe(401);
    expect(await refusedWith(socketWith({ token: created.token }))).toBe(4401);
  });

  it('closes a socket opened with it (4401) within 2 s, and nothing it sends after is applied', async () => {
    const cookie = await signIn('iran@example.org');
    const created = JSON.parse(
      (
        await request(`${concord.url}/api/v1/tokens`, {
          method: 'POST',
          headers: { cookie, origin: concord.url, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'script with an open socket' }),
        })
      ).body,
    ) as { token: string; id: string };
    const open = socketWith({ token: created.token });
    const watcher = socketWith({ cookie });
    await synced(open);
    await synced(watcher);
    const revoked = await request(`${concord.url}/api/v1/tokens/${created.id}`, {
      method: 'DELETE',
      headers: { cookie, origin: concord.url },
    });
    expect(revoked.status).toBe(200);
    await waitFor(() => open.closeCodes.includes(4401), 2_500, '4401 after revocation');
    // The revoked script's edit never reaches anyone.
    const fragment = open.doc.getXmlFragment('resolution');
    const first = fragment.get(0) as import('yjs').XmlElement;
    (first.get(0) as import('yjs').XmlText).insert(0, 'AFTER-REVOCATION ');
    const mark = socketWith({ cookie });
    await synced(mark);
    expect(JSON.stringify(mark.doc.getXmlFragment('resolution').toJSON())).not.toContain('AFTER-REVOCATION');
  });
});
