import { Redis } from 'ioredis';
import type { ReadinessCheck } from './health';

/**
 * Readiness of Redis on a connection of its own (the relay's subscriber connection cannot
 * PING in subscriber mode). No offline queue: while Redis is down a PING fails at once
 * instead of waiting for a reconnect, and readiness says so.
 */
export function redisReadiness(url: string): ReadinessCheck & { close(): void } {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  client.on('error', () => {}); // reported by the check, not as an unhandled event
  return {
    name: 'redis',
    async check() {
      try {
        await client.ping();
      } catch {
        throw new Error('unreachable');
      }
    },
    close: () => client.disconnect(),
  };
}
