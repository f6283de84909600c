import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { settings } from '../db/schema';

/**
 * next-auth needs a secret to sign sessions. NEXTAUTH_SECRET wins; otherwise one is
 * generated on first start and kept in the database, so sessions survive restarts and
 * every process sharing the database agrees on it.
 */
export async function ensureAuthSecret(db: Db): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  await db
    .insert(settings)
    .values({ key: 'auth_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'auth_secret'));
  process.env.NEXTAUTH_SECRET = row.value;
  return row.value;
}
