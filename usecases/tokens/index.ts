import { issueApiToken, revokeApiToken } from '../../db/commands/token-issuer';
import { forbidden } from '../../lib/errors';
import type { Actor } from '../kernel/actor';
import { defineUseCase } from '../kernel/use-case';

/**
 * Personal API tokens: a user issues and revokes their own; the operator (CLI) does so for
 * anyone. Revoking emits "credentials.revoked", on which the collaboration endpoint closes
 * every socket opened with that token (server/events/credentials.ts).
 */
function holder(actor: Actor, userId: string | undefined): string {
  if (actor.kind === 'operator') {
    if (!userId) throw forbidden('token:manage', 'Name the user whose token this is.');
    return userId;
  }
  if (userId && userId !== actor.userId) throw forbidden('token:manage', 'You manage your own API tokens only.');
  return actor.userId;
}

export const issueToken = defineUseCase(
  'token.issue',
  async ({ db }, actor, input: { userId?: string; name: string }) => ({
    result: await issueApiToken(db, holder(actor, input.userId), input.name),
    events: [],
  }),
);

export const revokeToken = defineUseCase(
  'token.revoke',
  async ({ db }, actor, input: { userId?: string; tokenId: string }) => {
    const userId = holder(actor, input.userId);
    await revokeApiToken(db, userId, input.tokenId);
    return { result: { ok: true }, events: [{ type: 'credentials.revoked', userId, tokenId: input.tokenId }] };
  },
);
