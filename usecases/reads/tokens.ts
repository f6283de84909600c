/** A user's API tokens as they see them (never the tokens themselves). */
export { listApiTokens } from '../../db/commands/token-issuer';
