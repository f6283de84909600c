import bcrypt from 'bcryptjs';

/** bcrypt with a per-password salt; cost 11 is ~150 ms here: slow for guessing, fine for sign-in. */
const COST = Number(process.env.CONCORD_BCRYPT_COST || 11);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) return Promise.resolve(false);
  return bcrypt.compare(password, hash);
}
