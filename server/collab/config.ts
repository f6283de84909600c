/**
 * Limits and timings of the collaboration endpoint, from the environment (documented in
 * README). Parsed once; a bad value stops the start with a message naming the variable.
 */
export interface CollabConfig {
  /** Largest WebSocket frame accepted; larger ones close the socket with 1009. */
  maxFrameBytes: number;
  /** Token bucket per connection: sustained messages per second and burst size. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** Connections per document beyond which new ones are refused (4409). */
  maxConnectionsPerDocument: number;
  /** How long updates wait to be stored together (the group commit). */
  groupCommitMs: number;
  /** At most one broadcast per document per this many ms; updates ready meanwhile are merged. */
  broadcastIntervalMs: number;
  /** Peers written to per turn of the event loop in a broadcast (0 = all at once). */
  broadcastSlice: number;
  /** Microseconds of broadcast wait per connected client, up to broadcastIntervalMs (0 = always the full interval). */
  broadcastMicrosPerClient: number;
  /** The longest broadcast wait while the thread is saturated (= broadcastIntervalMs: never stretched). */
  broadcastMaxIntervalMs: number;
  /** Stored updates after which the log is compacted into a snapshot. */
  compactAfterUpdates: number;
  /** Each connection is pinged once per this many ms; one that has not answered the last ping is dropped. */
  heartbeatMs: number;
  /** A document with no connection is unloaded after this long. */
  idleUnloadMs: number;
  /** Time and memory an incoming update may take to decode before it is refused. */
  updateGuardMs: number;
  updateGuardMemoryMb: number;
  /** Characters a paragraph (or a draft amendment's wording) may hold: longer ones are refused (4400). */
  maxParagraphChars: number;
  /** Bytes a document's encoded state may reach: an update taking it past is refused (4400). */
  maxDocumentBytes: number;
  /** Origins a browser connection may come from, besides the request's own host. */
  allowedOrigins: string[];
}

function intFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(
      `${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}, got "${raw}"`,
    );
  return value;
}

export function readCollabConfig(env: NodeJS.ProcessEnv = process.env): CollabConfig {
  const origins = new Set<string>();
  for (const raw of [env.NEXTAUTH_URL, ...(env.CONCORD_ALLOWED_ORIGINS ?? '').split(',')]) {
    if (!raw?.trim()) continue;
    try {
      origins.add(new URL(raw.trim()).origin);
    } catch {
      throw new Error(`CONCORD_ALLOWED_ORIGINS / NEXTAUTH_URL: "${raw}" is not a URL`);
    }
  }
  return {
    maxFrameBytes: intFrom(env, 'CONCORD_COLLAB_MAX_FRAME_BYTES', 1024 * 1024, 1024),
    rateLimitPerSecond: intFrom(env, 'CONCORD_COLLAB_RATE_PER_SECOND', 100, 1),
    rateLimitBurst: intFrom(env, 'CONCORD_COLLAB_RATE_BURST', 400, 1),
    maxConnectionsPerDocument: intFrom(env, 'CONCORD_COLLAB_MAX_CONNECTIONS_PER_DOCUMENT', 2000, 1),
    groupCommitMs: intFrom(env, 'CONCORD_COLLAB_GROUP_COMMIT_MS', 3, 0),
    broadcastIntervalMs: intFrom(env, 'CONCORD_COLLAB_BROADCAST_MS', 20, 0),
    broadcastSlice: intFrom(env, 'CONCORD_COLLAB_BROADCAST_SLICE', 125, 0),
    broadcastMicrosPerClient: intFrom(env, 'CONCORD_COLLAB_BROADCAST_US_PER_CLIENT', 20, 0, 1_000_000),
    broadcastMaxIntervalMs: intFrom(env, 'CONCORD_COLLAB_BROADCAST_MAX_MS', 60, 0),
    compactAfterUpdates: intFrom(env, 'CONCORD_COLLAB_COMPACT_AFTER', 500, 1),
    heartbeatMs: intFrom(env, 'CONCORD_COLLAB_HEARTBEAT_MS', 30_000, 300, 3_600_000),
    idleUnloadMs: intFrom(env, 'CONCORD_COLLAB_IDLE_UNLOAD_MS', 30_000, 0),
    updateGuardMs: intFrom(env, 'CONCORD_COLLAB_UPDATE_GUARD_MS', 500, 10),
    updateGuardMemoryMb: intFrom(env, 'CONCORD_COLLAB_UPDATE_GUARD_MEMORY_MB', 256, 32),
    maxParagraphChars: intFrom(env, 'CONCORD_COLLAB_MAX_PARAGRAPH_CHARS', 20_000, 1),
    maxDocumentBytes: intFrom(env, 'CONCORD_COLLAB_MAX_DOCUMENT_BYTES', 5 * 1024 * 1024, 1024),
    allowedOrigins: [...origins],
  };
}
