import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startConcord, type RunningConcord } from '../e2e/harness';
import { redisUrl, skipUnless } from '../helpers/services';
import { signInFrom, THROTTLED } from './auth-http';

/**
 * Attacks on sign-in throttling (issue 11.6), against the real server, each client on its
 * own loopback address. Before: every client without X-Forwarded-For shared one key, so four
 * failures for unknown addresses locked the chair out, and any invented X-Forwarded-For got
 * a fresh key.
 */
const PASSWORD = 'concord-demo';
// Cheap bcrypt: these tests make a hundred attempts; the cost does not change what is counted.
const CHEAP = { CONCORD_BCRYPT_COST: '4' };

describe('sign-in throttling on one process', () => {
  let concord: RunningConcord;
  beforeAll(async () => {
    concord = await startConcord(CHEAP);
  });
  afterAll(() => concord?.stop());

  it('failures for unknown e-mails from one address do not lock the chair out at another', async () => {
    const outcomes = [];
    for (let i = 0; i < 55; i++) {
      outcomes.push(await signInFrom(concord.url, `nobody-${i}@example.org`, 'guess', { from: '127.0.0.2' }));
    }
    expect(outcomes.slice(0, 50).every((o) => !o.ok && o.error === 'CredentialsSignin')).toBe(true);
    expect(outcomes.slice(50).every((o) => !o.ok && THROTTLED.test(o.error))).toBe(true);
    // The attacking address is throttled even with the right password …
    const attacker = await signInFrom(concord.url, 'chair@example.org', PASSWORD, { from: '127.0.0.2' });
    expect(attacker.ok).toBe(false);
    // … and the chair, elsewhere, is not.
    expect((await signInFrom(concord.url, 'chair@example.org', PASSWORD, { from: '127.0.0.3' })).ok).toBe(true);
  });

  it('an invented X-Forwarded-For does not buy fresh attempts', async () => {
    const outcomes = [];
    for (let i = 0; i < 7; i++) {
      outcomes.push(
        await signInFrom(concord.url, 'iran@example.org', `guess-${i}`, {
          from: '127.0.0.4',
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-concord-client-address': `203.0.113.${i + 1}` },
        }),
      );
    }
    expect(outcomes.slice(0, 5).every((o) => !o.ok && o.error === 'CredentialsSignin')).toBe(true);
    expect(outcomes.slice(5).every((o) => !o.ok && THROTTLED.test(o.error))).toBe(true);
    const right = await signInFrom(concord.url, 'iran@example.org', PASSWORD, {
      from: '127.0.0.4',
      headers: { 'x-forwarded-for': '198.51.100.99' },
    });
    expect(right.ok).toBe(false);
    expect(concord.output()).toMatch(/"reason":"throttled","address":"127\.0\.0\.4"/);
  });

  it('guesses at the chair spread over many addresses do not lock the chair out where they sign in', async () => {
    expect((await signInFrom(concord.url, 'chair@example.org', PASSWORD, { from: '127.0.0.5' })).ok).toBe(true);
    for (const from of ['127.0.0.6', '127.0.0.7', '127.0.0.8']) {
      for (let i = 0; i < 5; i++) await signInFrom(concord.url, 'chair@example.org', `guess-${i}`, { from });
    }
    // The account as a whole is now throttled for addresses it never signed in from …
    const stranger = await signInFrom(concord.url, 'chair@example.org', PASSWORD, { from: '127.0.0.9' });
    expect(!stranger.ok && THROTTLED.test(stranger.error)).toBe(true);
    // … but not where the chair has signed in before.
    expect((await signInFrom(concord.url, 'chair@example.org', PASSWORD, { from: '127.0.0.5' })).ok).toBe(true);
  });
});

const redis = redisUrl();
describe.skipIf(skipUnless(!!redis, 'Redis (TEST_REDIS_URL)'))('sign-in throttling shared by two processes', () => {
  // A prefix of this run's own, so that other deployments (and test runs) on the Redis are untouched.
  const prefix = `concord-test-${process.pid}-${Date.now()}:`;
  let a: RunningConcord;
  let b: RunningConcord;
  beforeAll(async () => {
    // Both behind one proxy that appends the client's address, as nginx does.
    const env = { ...CHEAP, REDIS_URL: redis!, CONCORD_REDIS_PREFIX: prefix, CONCORD_TRUST_PROXY: '1' };
    [a, b] = await Promise.all([startConcord(env), startConcord(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const client = new Redis(redis!);
    const keys = await client.keys(`${prefix}*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
  });

  const via = (proxyAppended: string, clientWrote?: string) => ({
    headers: { 'x-forwarded-for': clientWrote ? `${clientWrote}, ${proxyAppended}` : proxyAppended },
  });

  it('counts failures on either process together, in Redis under CONCORD_REDIS_PREFIX', async () => {
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      const server = i % 2 ? b : a;
      outcomes.push(await signInFrom(server.url, 'kenya@example.org', `guess-${i}`, via('192.0.2.10')));
    }
    expect(outcomes.slice(0, 5).every((o) => !o.ok && o.error === 'CredentialsSignin')).toBe(true);
    expect(!outcomes[5].ok && THROTTLED.test(outcomes[5].error)).toBe(true);
    const client = new Redis(redis!);
    const keys = await client.keys(`${prefix}signin:*`);
    client.disconnect();
    expect(keys.length).toBeGreaterThan(0);
  });

  it('behind the trusted proxy, what the client wrote before the proxy’s entry does not make a new client', async () => {
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await signInFrom(a.url, 'thailand@example.org', `guess-${i}`, via('192.0.2.20', `10.6.6.${i}`)));
    }
    expect(!outcomes[5].ok && THROTTLED.test(outcomes[5].error)).toBe(true);
    // Another client behind the same proxy is another address.
    expect((await signInFrom(b.url, 'thailand@example.org', PASSWORD, via('192.0.2.21'))).ok).toBe(true);
  });
});
