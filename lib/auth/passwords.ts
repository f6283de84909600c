import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** bcrypt with a per-password salt; cost 11 is ~150 ms here: slow for guessing, fine for sign-in. */
const COST = Number(process.env.CONCORD_BCRYPT_COST || 11);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

let dummy: Promise<string> | null = null;

/**
 * A hash of a random password nobody knows, at the same cost as real ones. Checking a
 * password against it when the account does not exist (or has no password) makes an
 * unknown e-mail cost what a known one does, so the answer time says nothing.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= bcrypt.hash(randomBytes(16).toString('base64url'), COST);
  return dummy;
}

/** Always runs bcrypt once, whether or not there is a hash to check against. */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await bcrypt.compare(password, await dummyPasswordHash());
    return false;
  }
  return bcrypt.compare(password, hash);
}
