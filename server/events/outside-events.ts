import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { Subscriber } from '../../usecases/kernel/event-bus';
import {
  draftTouched,
  isProcedureEvent,
  languageTouched,
  resolutionAccessTouched,
  type DomainEvent,
} from '../../usecases/kernel/events';
import { redisKeyPrefix } from '../auth/sign-in-throttle-store';
import { languageRoomName } from '../collab/language-room';
import type { AccessTarget } from '../collab/relay';
import type { CollabService } from '../collab/types';
import { deliverRemoteProcedureEvent, type ProcedureEvent } from '../procedure-events';

/**
 * Acts done by a process that serves no sockets — the CLI on PostgreSQL, run beside the
 * servers — must still reach the servers' open sockets and pages at once: a revoked token's
 * socket closes (4401), a removed member's socket closes or turns read-only, pages refetch.
 * Such a process tells every server what to re-check, in the shape servers already relay to
 * each other:
 *
 * - with REDIS_URL, on the servers' shared Redis channel (`<CONCORD_REDIS_PREFIX>shared`);
 * - otherwise (or when Redis cannot be reached) by PostgreSQL NOTIFY on `concord_events`,
 *   which every server on PostgreSQL LISTENs to, Redis or not — the database is the one
 *   thing the CLI and the servers are sure to share.
 *
 * A message only asks a server to re-ask the database (or a page to refetch with its own
 * rights), so a forged one can trigger a re-check and nothing more.
 */
export const NOTIFY_CHANNEL = 'concord_events';

export interface OutsideMessage {
  access?: AccessTarget;
  event?: ProcedureEvent;
}

/** What the servers must do about one event, as their relay says it. */
export function outsideMessageOf(event: DomainEvent): OutsideMessage | null {
  const message: OutsideMessage = {};
  if (event.type === 'credentials.revoked') message.access = { userId: event.userId, credentials: true };
  else if (event.type === 'member.changed') message.access = { userId: event.userId };
  else {
    const amendmentId = draftTouched(event);
    const resolutionId = resolutionAccessTouched(event);
    const language = languageTouched(event);
    if (amendmentId) message.access = { amendmentId };
    else if (resolutionId) message.access = { resolutionId };
    else if (language) message.access = { room: languageRoomName(language.resolutionId, language.language) };
  }
  if (isProcedureEvent(event)) message.event = { resolutionId: event.resolutionId, type: event.type, data: event.data };
  return message.access || message.event ? message : null;
}

export interface OutsidePublisher {
  subscriber: Subscriber;
  /** Waits for what was sent, then lets go of Redis. */
  close(): Promise<void>;
}

/**
 * For the CLI on PostgreSQL: a bus subscriber sending each event's message to the servers.
 * A failed delivery is reported on `warn` and does not fail the command: the act is stored,
 * and the servers' sockets would otherwise learn of it at their next check.
 */
export function outsidePublisher(
  database: Pick<Database, 'db'>,
  options: { redisUrl?: string | null; warn: (message: string) => void },
): OutsidePublisher {
  const pending = new Set<Promise<void>>();
  const from = `cli-${randomBytes(8).toString('hex')}`;
  type RedisClient = import('ioredis').Redis;
  let redis: Promise<RedisClient | null> | null = null;
  const connectRedis = (url: string) =>
    (redis ??= import('ioredis').then(async ({ Redis }) => {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
      client.on('error', () => {}); // reported once below, not at every retry
      try {
        await client.connect();
        return client;
      } catch (e) {
        client.disconnect();
        options.warn(
          `Redis unreachable (${e instanceof Error ? e.message : e}); telling the servers through PostgreSQL`,
        );
        return null;
      }
    }));
  const notify = (payload: string) =>
    database.db.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`).then(() => undefined);

  const send = async (message: OutsideMessage) => {
    const client = options.redisUrl ? await connectRedis(options.redisUrl) : null;
    if (client) {
      // `once`: a sender that is not a serving process, so no one waits for its heartbeat.
      await client.publish(`${redisKeyPrefix()}shared`, JSON.stringify({ from, once: true, ...message }));
      return;
    }
    await notify(JSON.stringify(message));
  };

  return {
    subscriber(event) {
      const message = outsideMessageOf(event);
      if (!message) return;
      const sent: Promise<void> = send(message)
        .catch((e: unknown) =>
          options.warn(`the servers were not told of ${event.type}: ${e instanceof Error ? e.message : e}`),
        )
        .finally(() => pending.delete(sent));
      pending.add(sent);
    },
    async close() {
      await Promise.all([...pending]);
      const client = await redis;
      await client?.quit().catch(() => client.disconnect());
    },
  };
}

/** Reads a NOTIFY payload, keeping only the fields a relay message may carry. */
export function parseOutsideMessage(payload: string): OutsideMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { access, event } = value as { access?: unknown; event?: unknown };
  const message: OutsideMessage = {};
  if (typeof access === 'object' && access !== null) {
    const target: AccessTarget = {};
    for (const key of ['room', 'resolutionId', 'userId', 'amendmentId'] as const) {
      const v = (access as Record<string, unknown>)[key];
      if (typeof v === 'string') target[key] = v;
    }
    if ((access as { credentials?: unknown }).credentials === true) target.credentials = true;
    if (target.room || target.resolutionId || target.userId || target.amendmentId) message.access = target;
  }
  if (typeof event === 'object' && event !== null) {
    const e = event as Record<string, unknown>;
    if (typeof e.resolutionId === 'string' && typeof e.type === 'string') {
      const data = typeof e.data === 'object' && e.data !== null ? (e.data as Record<string, unknown>) : undefined;
      message.event = { resolutionId: e.resolutionId, type: e.type, data, at: new Date().toISOString() };
    }
  }
  return message.access || message.event ? message : null;
}

/**
 * For a server on PostgreSQL: hears what processes without sockets did (NOTIFY) and acts on
 * it as on a message from another server. Returns the function that stops listening.
 */
export async function listenToOutsideEvents(
  database: Database,
  collab: CollabService,
  onError: (message: string) => void,
): Promise<() => Promise<void>> {
  if (!database.listen) return async () => {};
  return database.listen(NOTIFY_CHANNEL, (payload) => {
    const message = parseOutsideMessage(payload);
    if (!message) return onError(`ignored a malformed ${NOTIFY_CHANNEL} notification`);
    if (message.access) void collab.accessChanged(message.access).catch((e) => onError(String(e)));
    if (message.event) deliverRemoteProcedureEvent(message.event);
  });
}
