/**
 * How long a sign-in lasts (CONCORD_SESSION_MAX_AGE_SECONDS, 12 h by default): the session
 * row's expiry and the cookie's. It does not slide: a collaboration socket opened with the
 * session closes (4401) when it expires, however active it is.
 */
export const DEFAULT_SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** Below this a user could not even finish opening the editor. */
const MIN_SESSION_MAX_AGE_SECONDS = 5;

export function sessionMaxAgeSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.CONCORD_SESSION_MAX_AGE_SECONDS;
  if (value === undefined || value === '') return DEFAULT_SESSION_MAX_AGE_SECONDS;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < MIN_SESSION_MAX_AGE_SECONDS) {
    throw new Error(
      `CONCORD_SESSION_MAX_AGE_SECONDS must be a whole number of seconds, at least ${MIN_SESSION_MAX_AGE_SECONDS}, got "${value}"`,
    );
  }
  return seconds;
}
