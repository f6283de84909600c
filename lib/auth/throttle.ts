/**
 * Slows down repeated failed sign-ins for one key (an e-mail address or a client address).
 * The first few failures are free (typos happen); after that each failure doubles the wait
 * before the next attempt is even checked, up to a cap.
 */
export interface ThrottleOptions {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  windowMs: 15 * 60_000,
};

interface Entry {
  failures: number;
  lastFailureAt: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the caller must wait before this key may try again (0 = now). */
  waitFor(key: string): number {
    const entry = this.live(key);
    if (!entry || entry.failures < this.options.freeFailures) return 0;
    const delay = this.delayAfter(entry.failures);
    return Math.max(0, entry.lastFailureAt + delay - this.now());
  }

  recordFailure(key: string): void {
    const entry = this.live(key) ?? { failures: 0, lastFailureAt: 0 };
    entry.failures += 1;
    entry.lastFailureAt = this.now();
    this.entries.set(key, entry);
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  private delayAfter(failures: number): number {
    const extra = failures - this.options.freeFailures;
    return Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** extra);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailureAt > this.options.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
