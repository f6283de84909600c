/**
 * Who asks for a procedural act. A user acts through their role in the committee that owns
 * the subject (looked up by the use case, never trusted from the caller). The operator is
 * whoever runs the CLI on the server's machine with access to its data folder: they manage
 * users, committees and tokens, as the one who installed Concord, and hold no committee role.
 */
export type Actor = { kind: 'user'; userId: string } | { kind: 'operator' };

export const userActor = (userId: string): Actor => ({ kind: 'user', userId });
export const OPERATOR: Actor = { kind: 'operator' };
