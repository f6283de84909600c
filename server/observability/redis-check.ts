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

  /**
   * Settles once the connection is ready, or has failed: one set of listeners however many
   * probes are waiting (a load balancer probing every instance during a Redis outage).
   */
  let settling: Promise<void> | null = null;
  const settled = () =>
    (settling ??= new Promise<void>((resolve) => {
      const done = () => {
        client.off('ready', done);
        client.off('error', done);
        client.off('end', done);
        settling = null;
        resolve();
      };
      client.once('ready', done);
      client.once('error', done);
      client.once('end', done);
    }));

  /** Resolves once the connection is ready, or has failed, or after `ms`: whichever is first. */
  const opened = async (ms: number) => {
    if (!OPENING.has(client.status)) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([settled(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    } finally {
      clearTimeout(timer);
    }
  };

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
