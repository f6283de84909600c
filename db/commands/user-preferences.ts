import { eq } from 'drizzle-orm';
import type { Queryable } from '../client';
import { users } from '../schema';
import { notFound } from '../../lib/errors';

/** The user's interface language ("en", "fr"), or null to follow the browser again. */
export async function setUserLocale(db: Queryable, userId: string, locale: string | null) {
  const [row] = await db
    .update(users)
    .set({ locale })
    .where(eq(users.id, userId))
    .returning({ id: users.id, locale: users.locale });
  if (!row) throw notFound('user', 'No such user.');
  return row;
}
