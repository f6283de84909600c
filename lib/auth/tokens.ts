import { createHash, randomBytes } from 'node:crypto';

/**
 * Personal API tokens: "ccd_" + 32 random bytes. Only the sha256 is stored; the token is
 * shown once. A fast hash is enough for 256 bits of entropy (no dictionary to guess from).
 */
export const TOKEN_PREFIX = 'ccd_';

export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token), prefix: token.slice(0, 10) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length > 20 && value.length < 200;
}
