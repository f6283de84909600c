/**
 * Sign-in throttling, per account and per client address. Three counters of failed
 * attempts, each in a rate limiter (rate-limiter-flexible: in memory, or in Redis so that
 * every process counts together):
 *
 * - one account at one address: a few guesses, then that address waits;
 * - one address, any account: password spraying from one place;
 * - one account, any address: guessing spread over many places. An address the account
 *   signed in from recently is exempt, so that an attacker spreading guesses over many
 *   addresses cannot lock the owner out of the places they use.
 *
 * An attempt is counted before the password is checked (parallel guesses are counted at
 * once) and given back when it succeeds. Keys never depend on whether the account exists,
 * so throttling tells nothing about which addresses are real.
 */
export interface LimiterResult {
  msBeforeNext: number;
  consumedPoints: number;
}

/** The part of rate-limiter-flexible's limiters used here. */
export interface Limiter {
  readonly points: number;
  /** Rejects with a LimiterResult when the key has no points left (or is blocked). */
  consume(key: string, points?: number): Promise<LimiterResult>;
  reward(key: string, points?: number): Promise<unknown>;
  delete(key: string): Promise<unknown>;
  get(key: string): Promise<LimiterResult | null>;
  set(key: string, points: number, seconds: number): Promise<unknown>;
}

export interface ThrottleLimiters {
  accountAtAddress: Limiter;
  address: Limiter;
  account: Limiter;
  /** Remembers (account, address) pairs that signed in successfully. */
  knownAddress: Limiter;
}

/** The limits, in rate-limiter-flexible's terms (seconds). */
export const SIGN_IN_LIMITS = {
  accountAtAddress: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  address: { points: 50, duration: 15 * 60, blockDuration: 15 * 60 },
  account: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
  // At most 24 days: the in-memory store keeps keys with a Node timer, which cannot wait longer.
  knownAddress: { points: 1, duration: 14 * 24 * 60 * 60 },
} as const;

/**
 * An attempt that may go ahead is already counted as a failure; `succeeded` gives it back.
 * One that may not says how long to wait.
 */
export type AttemptVerdict = { allowed: true; succeeded(): Promise<void> } | { allowed: false; retryAfterMs: number };

const isLimiterResult = (e: unknown): e is LimiterResult =>
  typeof e === 'object' && e !== null && 'msBeforeNext' in e && !(e instanceof Error);

export class SignInThrottle {
  constructor(
    private readonly limiters: ThrottleLimiters,
    private readonly onStoreError: (error: unknown) => void = () => {},
  ) {}

  async begin(emailInput: string, address: string): Promise<AttemptVerdict> {
    const email = emailInput.trim().toLowerCase();
    const pair = `${email}|${address}`;
    const known = (await this.limiters.knownAddress.get(pair).catch(this.storeError)) != null;
    const counted: [Limiter, string][] = [
      [this.limiters.accountAtAddress, pair],
      [this.limiters.address, address],
      ...(known ? [] : [[this.limiters.account, email] as [Limiter, string]]),
    ];
    const results = await Promise.allSettled(counted.map(([limiter, key]) => limiter.consume(key)));
    let retryAfterMs = 0;
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      if (isLimiterResult(r.reason)) retryAfterMs = Math.max(retryAfterMs, r.reason.msBeforeNext, 1000);
      // A store that fails (Redis down with no fallback) must not lock everyone out.
      else this.storeError(r.reason);
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    return {
      allowed: true,
      succeeded: async () => {
        await Promise.all([
          this.limiters.accountAtAddress.delete(pair),
          this.limiters.address.reward(address),
          known ? null : this.limiters.account.reward(email),
          this.limiters.knownAddress.set(pair, 1, SIGN_IN_LIMITS.knownAddress.duration),
        ]).catch(this.storeError);
      },
    };
  }

  private readonly storeError = (error: unknown): null => {
    this.onStoreError(error);
    return null;
  };
}
