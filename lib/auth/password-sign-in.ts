import type { SignInThrottle } from './sign-in-throttle';

/**
 * Signing in with e-mail and password: throttled per account and address, and the same
 * work whether or not the account exists (one bcrypt check either way, see passwords.ts),
 * so neither the answer nor its time tells an attacker which addresses are real.
 */
export interface PasswordAccount {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
}

export interface PasswordSignInDeps {
  findAccount(email: string): Promise<PasswordAccount | null>;
  /** Must run bcrypt also when `hash` is null (against a dummy hash). */
  verifyPassword(password: string, hash: string | null): Promise<boolean>;
  throttle: SignInThrottle;
}

export type PasswordSignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

export async function signInWithPassword(
  deps: PasswordSignInDeps,
  input: { email: string; password: string; address: string },
): Promise<PasswordSignInResult> {
  const email = input.email.trim().toLowerCase();
  const verdict = await deps.throttle.begin(email, input.address);
  if (!verdict.allowed) return { ok: false, reason: 'throttled', retryAfterMs: verdict.retryAfterMs };
  const account = await deps.findAccount(email);
  const matches = await deps.verifyPassword(input.password, account?.passwordHash ?? null);
  if (!account || !matches) return { ok: false, reason: 'wrong' };
  await verdict.succeeded();
  return { ok: true, user: { id: account.id, email: account.email, name: account.name } };
}

/** What the sign-in form shows when throttled. */
export function throttledMessage(retryAfterMs: number): string {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const wait = seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  return `Too many failed sign-ins. Try again in ${wait}.`;
}
