import path from 'node:path';
import { dataDirFromEnv } from '../db/client';
import { sessionMaxAgeSeconds } from './auth/session-lifetime';

/** Everything the server reads from the environment, parsed once and validated. */
export interface ServerConfig {
  port: number;
  host: string;
  dev: boolean;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  seedDemo: boolean;
  publicUrl: string;
  /** CONCORD_METRICS_TOKEN: /metrics answers only with it (off when unset). */
  metricsToken: string | null;
  /** CONCORD_HTTP_KEEPALIVE_SECONDS: how long an idle HTTP connection stays open for the next request. */
  keepAliveSeconds: number;
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}

function metricsToken(value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < 16) throw new Error('CONCORD_METRICS_TOKEN must be at least 16 characters (it guards /metrics)');
  return value;
}

function keepAliveSeconds(value: string | undefined): number {
  if (value === undefined || value === '') return 65;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
    throw new Error(`CONCORD_HTTP_KEEPALIVE_SECONDS must be an integer from 1 to 3600, got "${value}"`);
  return seconds;
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = parsePort(env.PORT, 3000);
  const host = env.HOST || '0.0.0.0';
  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  if (env.REDIS_URL && !/^rediss?:\/\//.test(env.REDIS_URL)) {
    throw new Error('REDIS_URL must start with redis:// or rediss://');
  }
  sessionMaxAgeSeconds(env); // refused at start, not at the first sign-in
  return {
    port,
    host,
    dev: env.CONCORD_DEV === '1',
    dataDir: dataDirFromEnv(),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    seedDemo: env.CONCORD_SEED_DEMO !== '0',
    publicUrl: env.NEXTAUTH_URL || `http://localhost:${port}`,
    metricsToken: metricsToken(env.CONCORD_METRICS_TOKEN),
    keepAliveSeconds: keepAliveSeconds(env.CONCORD_HTTP_KEEPALIVE_SECONDS),
  };
}

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
