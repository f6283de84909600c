import { Redis } from 'ioredis';
import type { ReadinessCheck } from './health';

/** Still opening its connection: not an answer yet about whether Redis is reachable. */
const OPENING = new Set(['wait', 'connecting', 'connect']);

/**
 * Readiness of Redis on a connection of its own (the relay's subscriber connection cannot
 * PING in subscriber mode). No offline queue: while Redis is down a PING fails at once
 * instead of waiting for a reconnect, and readiness says so. A connection still being opened
 * (a process that has just started, or a reconnect under way) is waited for a moment first,
 * so that "unreachable" means Redis did not answer, not that nobody had asked yet.
 */
export function redisReadiness(url: string): ReadinessCheck & { opened(ms: number): Promise<void>; close(): void } {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  client.on('error', () => {}); // reported by the check, not as an unhandled event

  /** Resolves once the connection is ready, or has failed, or after `ms`: whichever is first. */
  const opened = (ms: number) =>
    new Promise<void>((resolve) => {
      if (!OPENING.has(client.status)) return resolve();
      const done = () => {
        clearTimeout(timer);
        client.off('ready', done);
        client.off('error', done);
        client.off('end', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      client.once('ready', done);
      client.once('error', done);
      client.once('end', done);
    });

  return {
    name: 'redis',
    opened,
    async check() {
      await opened(1000);
      try {
        await client.ping();
      } catch {
        throw new Error('unreachable');
      }
    },
    close: () => client.disconnect(),
  };
}
