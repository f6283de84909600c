import fs from 'node:fs';

/**
 * Which real services this run has. In CI (CI=true) every suite is mandatory: a missing
 * PostgreSQL or Chromium fails the run loudly instead of skipping. On a laptop without
 * them the suites skip and say so.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const servicesRequired = () => process.env.CI === 'true' || process.env.CONCORD_REQUIRE_SERVICES === '1';

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export function postgresUrl(): string | null {
  return process.env.TEST_DATABASE_URL || null;
}

export function redisUrl(): string | null {
  return process.env.TEST_REDIS_URL || null;
}

/** For describe.skipIf: true when the suite must skip (and says why), throws when it may not. */
export function skipUnless(available: boolean, what: string): boolean {
  if (available) return false;
  if (servicesRequired()) throw new Error(`${what} is required in CI but is not available`);
  console.warn(`[tests] skipping: ${what} is not available here`);
  return true;
}
