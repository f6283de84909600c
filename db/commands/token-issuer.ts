import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../client';
import { apiTokens } from '../schema';
import { generateApiToken } from '../../lib/auth/tokens';
import { notFound } from '../../lib/errors';

/** Issues a personal API token; the clear token is returned once and never stored. */
export async function issueApiToken(db: Queryable, userId: string, name: string) {
  const { token, hash, prefix } = generateApiToken();
  const [row] = await db.insert(apiTokens).values({ userId, name, tokenHash: hash, prefix }).returning();
  return { token, id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt };
}

export async function listApiTokens(db: Queryable, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Queryable, userId: string, tokenId: string) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw notFound('token');
}
