import { describe, expect, it } from 'vitest';
import { SignInThrottle } from '@/lib/auth/throttle';

describe('repeated failed sign-ins are slowed down', () => {
  it('lets the first three failures through, then doubles the wait, and forgets after success', () => {
    let now = 0;
    const t = new SignInThrottle(
      { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 30_000, windowMs: 900_000 },
      () => now,
    );
    for (let i = 0; i < 3; i++) t.recordFailure('a');
    expect(t.waitFor('a')).toBe(1000);
    t.recordFailure('a');
    expect(t.waitFor('a')).toBe(2000);
    now += 2000;
    expect(t.waitFor('a')).toBe(0);
    for (let i = 0; i < 10; i++) t.recordFailure('a');
    expect(t.waitFor('a')).toBe(30_000);
    expect(t.waitFor('b')).toBe(0);
    t.recordSuccess('a');
    expect(t.waitFor('a')).toBe(0);
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const t = new SignInThrottle(
      { freeFailures: 1, baseDelayMs: 1000, maxDelayMs: 30_000, windowMs: 60_000 },
      () => now,
    );
    t.recordFailure('a');
    t.recordFailure('a');
    expect(t.waitFor('a')).toBeGreaterThan(0);
    now += 61_000;
    expect(t.waitFor('a')).toBe(0);
  });
});
