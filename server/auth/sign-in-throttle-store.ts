import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { SIGN_IN_LIMITS, SignInThrottle, type Limiter, type ThrottleLimiters } from '../../lib/auth/sign-in-throttle';
import { log } from '../log';

/**
 * Where sign-in attempts are counted: in this process's memory, or in Redis when REDIS_URL
 * is set, so that every process behind a load balancer counts together (keys under
 * CONCORD_REDIS_PREFIX, default "concord:"). Should Redis be unreachable, each process
 * falls back to counting in memory rather than refusing or waving everyone through.
 */
const slot = globalThis as unknown as { __concordSignInThrottle?: SignInThrottle };

export function redisKeyPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.CONCORD_REDIS_PREFIX ?? 'concord:';
  if (!/^[\w:.-]{0,64}$/.test(prefix)) {
    throw new Error(`CONCORD_REDIS_PREFIX may hold letters, digits and _ : . - (at most 64), got "${prefix}"`);
  }
  return prefix;
}

function memory(name: keyof typeof SIGN_IN_LIMITS): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: `signin:${name}`, ...SIGN_IN_LIMITS[name] });
}

function limiters(redisUrl: string | undefined): ThrottleLimiters {
  const names = Object.keys(SIGN_IN_LIMITS) as (keyof typeof SIGN_IN_LIMITS)[];
  let make: (name: keyof typeof SIGN_IN_LIMITS) => Limiter = memory;
  if (redisUrl) {
    const prefix = redisKeyPrefix();
    // While Redis is away a command gives up after a second and the memory limiter insures
    // it, instead of sign-ins hanging until Redis returns.
    const client = new Redis(redisUrl, { commandTimeout: 1000, maxRetriesPerRequest: 1 });
    client.on('error', (e) => log('auth').warn({ err: e.message }, 'sign-in throttle: redis unreachable'));
    make = (name) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${prefix}signin:${name}`,
        insuranceLimiter: memory(name),
        ...SIGN_IN_LIMITS[name],
      });
  }
  return Object.fromEntries(names.map((n) => [n, make(n)])) as Record<keyof typeof SIGN_IN_LIMITS, Limiter>;
}

export function signInThrottle(): SignInThrottle {
  slot.__concordSignInThrottle ??= new SignInThrottle(limiters(process.env.REDIS_URL), (error) =>
    log('auth').error({ err: error instanceof Error ? error.message : String(error) }, 'sign-in throttle store failed'),
  );
  return slot.__concordSignInThrottle;
}
