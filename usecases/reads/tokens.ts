/** A user's API tokens and signed-in sessions as they see them (never the secrets themselves). */
export { listApiTokens } from '../../db/commands/token-issuer';
export { listLiveSessions } from '../../db/commands/session-keeper';
