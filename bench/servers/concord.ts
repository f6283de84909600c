import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort, projectRoot, startServerChild, worstLoop, type ServerChild } from './child';
import { copyFixtureDir, removeDir, type ConcordFixture } from './concord-fixture';
import type { RunningServer } from './types';
import type { ClientRole } from '../load/client';

export const STANDALONE = path.join(projectRoot, 'server', 'collab', 'standalone.ts');

/** Thrown when Concord's collaboration service cannot be benchmarked in this tree yet. */
export class ConcordUnavailable extends Error {}

export function concordAvailable(): string | null {
  return fs.existsSync(STANDALONE) ? null : 'server/collab/standalone.ts does not exist yet';
}

/**
 * "listening on http://127.0.0.1:PORT" or the like. Kept loose on purpose: the service
 * prints where it listens, and only the port matters here.
 */
const PORT_LINE = /(?:listening|ready|started)\b[^\n]*?:(\d{2,5})\b/i;

export interface ConcordOptions {
  fixture: ConcordFixture;
  /**
   * 1: one process on a copy of the prepared PGlite folder (the default deployment).
   * 2 or more: processes on PostgreSQL relaying through Redis, clients split between them.
   */
  processes: number;
  /** One process: PGlite (default) or PostgreSQL at databaseUrl. Several: always PostgreSQL. */
  database?: 'pglite' | 'postgres';
  /** PGlite: serve this folder instead of a fresh copy (B3 prepares its own). */
  dataDir?: string;
  /** processes = 2 */
  databaseUrl?: string;
  redisUrl?: string;
  /** Settings of the scenario's own (B2 raises the document limits it grows past). */
  env?: Record<string, string>;
}

export interface RunningConcord extends RunningServer {
  dataDir: string | null;
  /** The endpoint of any resolution, on the first process. */
  resolutionUrl(resolutionId: string, token: string): string;
}

/**
 * Starts Concord's collaboration service (server/collab/standalone.ts: an HTTP server with
 * only the collaboration endpoint) with auth and durable persistence on, as deployed.
 */
export async function startConcord(options: ConcordOptions): Promise<RunningConcord> {
  const missing = concordAvailable();
  if (missing) throw new ConcordUnavailable(missing);
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    CONCORD_SEED_DEMO: '0',
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    ...options.env,
  };
  delete base.DATABASE_URL;
  delete base.REDIS_URL;
  const pglite = options.processes === 1 && options.database !== 'postgres';
  const ownsDir = pglite && !options.dataDir;
  const dataDir = pglite ? (options.dataDir ?? copyFixtureDir(options.fixture)) : null;
  // Known ports rather than 0: NEXTAUTH_URL (the public origin the Origin check accepts)
  // must name the port, and the clients send that origin like the app's own page would.
  const withPort = async (env: NodeJS.ProcessEnv) => {
    const port = await freePort();
    return { ...env, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` };
  };
  const envs: NodeJS.ProcessEnv[] = pglite
    ? [await withPort({ ...base, CONCORD_DATA_DIR: dataDir! })]
    : await Promise.all(
        Array.from({ length: options.processes }, () =>
          withPort({
            ...base,
            DATABASE_URL: options.databaseUrl,
            ...(options.processes > 1 ? { REDIS_URL: options.redisUrl } : {}),
          }),
        ),
      );
  const children: ServerChild[] = [];
  try {
    // One after the other: the processes share a database and migrate on start.
    for (const [i, env] of envs.entries()) {
      children.push(
        await startServerChild({
          name: `Concord collaboration service #${i + 1}`,
          script: STANDALONE,
          env,
          portLine: PORT_LINE,
          timeoutMs: 120_000,
        }),
      );
    }
  } catch (e) {
    await Promise.all(children.map((c) => c.stop()));
    if (ownsDir) removeDir(dataDir);
    throw e;
  }
  const { resolutionId, editorTokens, watcherTokens } = options.fixture;
  const childFor = (index: number) => children[index % children.length];
  const tokenFor = (index: number, role: ClientRole) => {
    // Editors are clients 0…E-1, watchers E…; each gets its own user's token.
    const token = role === 'editor' ? editorTokens[index] : watcherTokens[index - editorTokens.length];
    if (!token) throw new Error(`no ${role} token prepared for client ${index}`);
    return token;
  };
  return {
    name: 'concord',
    pids: children.map((c) => c.pid),
    dataDir,
    urlFor: (index, role) =>
      `ws://127.0.0.1:${childFor(index).port}/collab/${resolutionId}?token=${encodeURIComponent(tokenFor(index, role))}`,
    origin: (index) => `http://127.0.0.1:${childFor(index).port}`,
    resolutionUrl: (id, token) => `ws://127.0.0.1:${children[0].port}/collab/${id}?token=${encodeURIComponent(token)}`,
    output: () => children.map((c) => c.output()).join('\n'),
    loop: {
      reset: () => {
        for (const c of children) c.loopReset();
      },
      report: async () => worstLoop(await Promise.all(children.map((c) => c.loopReport()))),
    },
    stop: async () => {
      await Promise.all(children.map((c) => c.stop()));
      if (ownsDir) removeDir(dataDir);
    },
  };
}
