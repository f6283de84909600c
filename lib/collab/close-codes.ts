/**
 * Why the server closed a collaboration socket. 1xxx are the WebSocket standard's own;
 * 4xxx are Concord's, modelled on HTTP statuses so they read at a glance. Documented in
 * README; the editor shows each in its connection badge.
 */
export const CloseCode = {
  /** The server is shutting down; the client reconnects. */
  goingAway: 1001,
  /** A frame larger than CONCORD_COLLAB_MAX_FRAME_BYTES (ws closes with it itself). */
  tooLarge: 1009,
  /** Access was withdrawn while connected (role removed, stage closed the text to this role). */
  accessRevoked: 4000,
  /** A frame that is not the y-websocket protocol, or an update that failed the guard. */
  malformed: 4400,
  /** No session cookie or API token, or one that is invalid, revoked or expired. */
  unauthenticated: 4401,
  /** A browser connection from another origin. */
  forbiddenOrigin: 4403,
  /** No such resolution, or no role in its committee (the same answer, so ids do not leak). */
  notFound: 4404,
  /** The document already has CONCORD_COLLAB_MAX_CONNECTIONS_PER_DOCUMENT connections. */
  documentFull: 4409,
  /** More messages than the per-connection rate limit allows. */
  rateLimited: 4429,
  /** The server failed; the client reconnects. */
  serverError: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
