import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findUserByEmail } from '@/db/queries/access';
import { createUser } from '@/db/commands/committee-roster';
import { signInWithPassword } from '@/lib/auth/password-sign-in';
import { SignInThrottle, SIGN_IN_LIMITS, type ThrottleLimiters } from '@/lib/auth/sign-in-throttle';
import { hashPassword, verifyPassword } from '@/lib/auth/passwords';
import { openPglite, type TestDatabase } from '../helpers/database';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * An unknown e-mail used to answer ~180 ms sooner than a known one (no bcrypt for it), which
 * told an attacker which addresses have accounts (issue 11.6). Wall time is too noisy to
 * assert here; the code path is not: every attempt runs exactly one bcrypt comparison
 * against a hash of the same cost, known e-mail or not, password or not.
 */
const compare = vi.hoisted(() => {
  // Cheap bcrypt for speed: what is asserted is that the cost is the same on every path.
  process.env.CONCORD_BCRYPT_COST = '4';
  return { calls: [] as string[] };
});
vi.mock('bcryptjs', async (original) => {
  const real = (await original()) as { default: typeof import('bcryptjs') };
  return {
    default: {
      ...real.default,
      compare: async (password: string, hash: string) => {
        compare.calls.push(hash);
        return real.default.compare(password, hash);
      },
    },
  };
});

let database: TestDatabase;
beforeAll(async () => {
  database = await openPglite();
  await createUser(database.db, { email: 'chair@example.org', name: 'Chair', password: 'right-password' });
  // Added by a chair for single sign-on: an account without a password.
  await createUser(database.db, { email: 'sso-only@example.org', name: 'SSO only' });
});
afterAll(() => database?.close());

function memoryThrottle(): SignInThrottle {
  const make = (name: keyof typeof SIGN_IN_LIMITS) =>
    new RateLimiterMemory({ keyPrefix: name, ...SIGN_IN_LIMITS[name] });
  const limiters: ThrottleLimiters = {
    accountAtAddress: make('accountAtAddress'),
    address: make('address'),
    account: make('account'),
    knownAddress: make('knownAddress'),
  };
  return new SignInThrottle(limiters);
}

const costOf = (hash: string) => /^\$2[aby]\$(\d\d)\$/.exec(hash)?.[1];

describe('the same work for known and unknown e-mails', () => {
  it('runs one bcrypt comparison, at the real cost, whether the account exists or not', async () => {
    const deps = {
      findAccount: (e: string) => findUserByEmail(database.db, e),
      verifyPassword,
      throttle: memoryThrottle(),
    };
    const realCost = costOf(await hashPassword('x'));
    const attempt = async (email: string, password: string, address: string) => {
      compare.calls.length = 0;
      const result = await signInWithPassword(deps, { email, password, address });
      return { result, hashes: [...compare.calls] };
    };

    const known = await attempt('chair@example.org', 'wrong', '192.0.2.1');
    const unknown = await attempt('nobody@example.org', 'wrong', '192.0.2.2');
    const passwordless = await attempt('sso-only@example.org', 'wrong', '192.0.2.3');
    const right = await attempt('chair@example.org', 'right-password', '192.0.2.4');

    for (const { hashes } of [known, unknown, passwordless, right]) {
      expect(hashes).toHaveLength(1);
      expect(costOf(hashes[0])).toBe(realCost);
    }
    // Same answer for a wrong password and an unknown account.
    expect(known.result).toEqual({ ok: false, reason: 'wrong' });
    expect(unknown.result).toEqual({ ok: false, reason: 'wrong' });
    expect(passwordless.result).toEqual({ ok: false, reason: 'wrong' });
    expect(right.result).toMatchObject({ ok: true, user: { email: 'chair@example.org' } });
  });

  it('counts an unknown e-mail exactly like a known one, so throttling does not tell them apart either', async () => {
    const throttle = memoryThrottle();
    const deps = { findAccount: (e: string) => findUserByEmail(database.db, e), verifyPassword, throttle };
    // Each e-mail from its own address: only the per-account-at-address count can throttle.
    const run = async (email: string, address: string) => {
      const attempt = () => signInWithPassword(deps, { email, password: 'wrong', address });
      const early = [];
      for (let i = 0; i < SIGN_IN_LIMITS.accountAtAddress.points; i++) early.push(await attempt());
      expect(early.every((r) => !r.ok && r.reason === 'wrong')).toBe(true);
      const verdict = await attempt();
      return verdict.ok ? 'ok' : verdict.reason;
    };
    expect(await run('chair@example.org', '198.51.100.1')).toBe('throttled');
    expect(await run('nobody-at-all@example.org', '198.51.100.2')).toBe('throttled');
  });
});
