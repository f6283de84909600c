import type { CrossProcessRelay, RelayListener } from './relay';

/**
 * The cross-process relay for a configuration: none without REDIS_URL (one process,
 * in-memory fan-out), Redis pub/sub with it. Loaded lazily so a single-process start never
 * touches the Redis client.
 */
export async function createRelay(
  redisUrl: string | null,
  log: (message: string) => void,
): Promise<((listener: RelayListener) => CrossProcessRelay) | undefined> {
  if (!redisUrl) return undefined;
  const { connectRedisRelay } = await import('./redis-relay');
  return connectRedisRelay(redisUrl, log);
}
