import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConcord, type RunningConcord } from '../e2e/harness';
import { apiToken, connect, signInCookie, waitFor, type TestClient } from '../collab/clients';

/**
 * A socket outlives neither its session's sign-out (auth-sessions.test.ts) nor its expiry:
 * a session that expires while its socket stays open closes that socket (4401) when it
 * expires, not when the socket next reconnects. Sessions last 8 s here
 * (CONCORD_SESSION_MAX_AGE_SECONDS); API tokens do not expire.
 */
const LIFETIME_SECONDS = 8;
let concord: RunningConcord;
let resolutionId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  concord = await startConcord({ CONCORD_BCRYPT_COST: '4', CONCORD_SESSION_MAX_AGE_SECONDS: String(LIFETIME_SECONDS) });
  const chair = await signInCookie(concord.url, 'chair@example.org');
  const list = await fetch(`${concord.url}/api/v1/committees/peace-security/resolutions`, {
    headers: { cookie: chair },
  });
  resolutionId = ((await list.json()) as { resolutions: { id: string }[] }).resolutions[0].id;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await concord?.stop();
});

function socketWith(auth: { cookie?: string; token?: string }): TestClient {
  const client = connect(concord.port, resolutionId, { ...auth, origin: auth.cookie ? concord.url : undefined });
  clients.push(client);
  return client;
}

describe('a session that expires while its socket is open', () => {
  it('closes the socket with 4401 when it expires; a token’s socket stays', async () => {
    const cookie = await signInCookie(concord.url, 'iran@example.org');
    const token = await apiToken(concord.url, cookie);
    const onSession = socketWith({ cookie });
    const onToken = socketWith({ token });
    await waitFor(() => onSession.provider.synced && onToken.provider.synced, 15_000, 'sync');
    expect(onSession.closeCodes).toEqual([]);

    await expect.poll(() => onSession.closeCodes, { timeout: (LIFETIME_SECONDS + 15) * 1000 }).toContain(4401);
    // The stock client reconnects with the same cookie, and is refused (the session is over).
    expect(onSession.closeCodes.every((code) => code === 4401)).toBe(true);
    expect((await fetch(`${concord.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
    expect(onToken.closeCodes).toEqual([]);
    expect(onToken.provider.wsconnected).toBe(true);
  }, 60_000);
});
