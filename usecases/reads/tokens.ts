import type { Queryable } from '../../db/client';
import { listApiTokens } from '../../db/commands/token-issuer';
import { can } from '../../lib/permissions';

export { listLiveSessions } from '../../db/commands/session-keeper';

/**
 * A user's API tokens as they see them (never the tokens themselves), each with what they
 * may do with it: a token is one's own, so only its state decides (a revoked one stays revoked).
 */
export async function tokensOf(db: Queryable, userId: string) {
  const owner = { userId, role: null, delegationId: null };
  return (await listApiTokens(db, userId)).map((t) => ({
    ...t,
    youCan: { revoke: t.revokedAt === null && can(owner, 'token:manage', {}) },
  }));
}
export type ListedToken = Awaited<ReturnType<typeof tokensOf>>[number];
