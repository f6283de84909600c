import { afterEach, describe, expect, it } from 'vitest';
import { redisReadiness } from '@/server/observability/redis-check';
import { redisUrl, skipUnless } from '../helpers/services';

/**
 * /readyz's Redis check (server/observability/redis-check.ts): asked the moment its
 * connection is being opened (a process that has just said "ready on"), it waits for the
 * answer instead of calling a reachable Redis unreachable; an unreachable one is still
 * reported, and soon.
 */
const skip = skipUnless(!!redisUrl(), 'Redis (TEST_REDIS_URL)');
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

describe.skipIf(skip)('the Redis readiness check', () => {
  it('is ready when asked while its connection is still being opened', async () => {
    for (let i = 0; i < 5; i++) {
      const check = redisReadiness(redisUrl()!);
      opened.push(check);
      // Asked in the same turn as the client was made: its connection cannot be open yet.
      await expect(check.check()).resolves.toBeUndefined();
    }
  });

  it('answers many probes at once while connecting, without a listener per probe', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const check = redisReadiness(redisUrl()!);
      opened.push(check);
      const answers = await Promise.allSettled(Array.from({ length: 50 }, () => check.check()));
      expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('says unreachable, within a few seconds, when nothing answers', async () => {
    const check = redisReadiness('redis://127.0.0.1:1');
    opened.push(check);
    const started = performance.now();
    await expect(check.check()).rejects.toThrow('unreachable');
    expect(performance.now() - started).toBeLessThan(5000);
    // And again once it is retrying in the background.
    await expect(check.check()).rejects.toThrow('unreachable');
  });

  it('lets a start wait for the connection, and tells it when it failed instead of hanging', async () => {
    const good = redisReadiness(redisUrl()!);
    const bad = redisReadiness('redis://127.0.0.1:1');
    opened.push(good, bad);
    await good.opened(5000);
    await expect(good.check()).resolves.toBeUndefined();
    const started = performance.now();
    await bad.opened(5000);
    expect(performance.now() - started).toBeLessThan(4000);
  });
});
