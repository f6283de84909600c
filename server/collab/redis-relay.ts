import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { structureKey, structureOf, type AccessTarget, type CrossProcessRelay, type RelayListener } from './relay';
import { deliverRemoteProcedureEvent, setProcedureEventForwarder, type ProcedureEvent } from '../procedure-events';
import { redisKeyPrefix } from '../auth/sign-in-throttle-store';

/**
 * Several Concord processes serving the same resolutions (REDIS_URL). Each document has a
 * channel carrying stored updates and presence; one shared channel carries access changes
 * and procedure events. A process only subscribes to the documents it has loaded, and
 * subscribes before it reads the stored state, so nothing relayed meanwhile is missed.
 *
 * Frame: 1 byte kind, 8 bytes sender id (a process ignores its own), then the payload.
 *
 * Every channel and key starts with CONCORD_REDIS_PREFIX (default "concord:"), so two
 * deployments sharing one Redis never hear each other. Each process says it is alive on the
 * shared channel every second (and keeps a key with a short expiry, for operators); one not
 * heard from for `processTimeoutMs` is taken for dead, and the presence of its clients is
 * removed on the others (a crashed process cannot say goodbye for them).
 */
const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
/** On a resolution's structure channel: its paragraphs changed (no payload). */
const KIND_STRUCTURE = 2;
const HEARTBEAT_MS = 1000;

export interface RedisRelayOptions {
  /** Channel and key prefix (CONCORD_REDIS_PREFIX). */
  prefix?: string;
  /** A process not heard from for this long is taken for dead (CONCORD_COLLAB_PROCESS_TIMEOUT_MS). */
  processTimeoutMs?: number;
}

export async function connectRedisRelay(
  url: string,
  log: (m: string) => void,
  relayOptions: RedisRelayOptions = {},
): Promise<(listener: RelayListener) => CrossProcessRelay> {
  const prefix = relayOptions.prefix ?? redisKeyPrefix();
  const processTimeoutMs =
    relayOptions.processTimeoutMs ?? (Number(process.env.CONCORD_COLLAB_PROCESS_TIMEOUT_MS) || 4000);
  const SHARED_CHANNEL = `${prefix}shared`;
  const DOC_PREFIX = `${prefix}doc:`;
  const docChannel = (id: string) => `${DOC_PREFIX}${id}`;
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  for (const [name, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    client.on('error', (e) => log(`redis ${name}: ${e.message}`));
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (e) {
    pub.disconnect();
    sub.disconnect();
    throw new Error(`REDIS_URL: cannot connect to ${redactUrl(url)}: ${e instanceof Error ? e.message : e}`);
  }
  const self = randomBytes(8);
  const selfHex = self.toString('hex');
  log(`relaying updates and presence through Redis at ${redactUrl(url)} (prefix "${prefix}")`);

  const frame = (kind: number, payload: Uint8Array) => Buffer.concat([Buffer.from([kind]), self, payload]);

  return (listener) => {
    /** Other processes, by id, and when each was last heard from. */
    const heard = new Map<string, number>();
    const alive = (from: string) => heard.set(from, Date.now());
    sub.on('messageBuffer', (channelBuf: Buffer, message: Buffer) => {
      const channel = channelBuf.toString();
      try {
        if (channel === SHARED_CHANNEL) {
          const parsed = JSON.parse(message.toString()) as {
            from: string;
            access?: AccessTarget;
            event?: ProcedureEvent;
            bye?: boolean;
            once?: boolean;
          };
          if (parsed.from === selfHex || typeof parsed.from !== 'string') return;
          if (parsed.once) {
            // A process serving no sockets (the CLI, server/events/outside-events.ts): it
            // keeps no presence here and sends no heartbeat, so it is not counted as alive.
            if (parsed.access) listener.remoteAccessChange(parsed.access);
            if (parsed.event) deliverRemoteProcedureEvent(parsed.event);
            return;
          }
          if (parsed.bye) {
            heard.delete(parsed.from);
            listener.processGone?.(parsed.from);
            return;
          }
          alive(parsed.from);
          if (parsed.access) listener.remoteAccessChange(parsed.access);
          if (parsed.event) deliverRemoteProcedureEvent(parsed.event);
          return;
        }
        if (message.length < 9 || message.subarray(1, 9).equals(self)) return;
        const from = message.subarray(1, 9).toString('hex');
        alive(from);
        const id = channel.slice(DOC_PREFIX.length);
        const payload = new Uint8Array(message.buffer, message.byteOffset + 9, message.length - 9);
        const structureChanged = message[0] === KIND_STRUCTURE ? structureOf(id) : null;
        if (structureChanged) listener.remoteStructureChange?.(structureChanged);
        else if (message[0] === KIND_UPDATE) listener.remoteUpdate(id, payload);
        else if (message[0] === KIND_AWARENESS) listener.remoteAwareness(id, payload, from);
      } catch (e) {
        log(`ignored a malformed relay message on ${channel}: ${e instanceof Error ? e.message : e}`);
      }
    });
    const shared = (body: object) =>
      void pub
        .publish(SHARED_CHANNEL, JSON.stringify({ from: self.toString('hex'), ...body }))
        .catch((e) => log(`redis publish: ${e.message}`));
    void sub.subscribe(SHARED_CHANNEL);
    setProcedureEventForwarder((event) => shared({ event }));
    const aliveKey = `${prefix}collab:process:${selfHex}`;
    const heartbeat = setInterval(() => {
      shared({});
      void pub.set(aliveKey, String(Date.now()), 'PX', processTimeoutMs).catch(() => {});
      const now = Date.now();
      for (const [from, at] of heard) {
        if (now - at <= processTimeoutMs) continue;
        heard.delete(from);
        log(`process ${from} not heard from for ${now - at} ms: its clients' presence is removed`);
        listener.processGone?.(from);
      }
    }, HEARTBEAT_MS);
    heartbeat.unref();
    shared({});
    /** How many rooms follow each key (SUBSCRIBE itself is not counted). */
    const followers = new Map<string, number>();

    return {
      publishUpdate(id, update) {
        void pub.publish(docChannel(id), frame(KIND_UPDATE, update)).catch((e) => log(`redis publish: ${e.message}`));
      },
      publishAwareness(id, update) {
        void pub
          .publish(docChannel(id), frame(KIND_AWARENESS, update))
          .catch((e) => log(`redis publish: ${e.message}`));
      },
      publishAccessChange(target) {
        shared({ access: target });
      },
      publishStructureChange(resolutionId) {
        void pub
          .publish(docChannel(structureKey(resolutionId)), frame(KIND_STRUCTURE, new Uint8Array(0)))
          .catch((e) => log(`redis publish: ${e.message}`));
      },
      async follow(id) {
        followers.set(id, (followers.get(id) ?? 0) + 1);
        await sub.subscribe(docChannel(id));
      },
      async unfollow(id) {
        const left = (followers.get(id) ?? 1) - 1;
        if (left > 0) {
          followers.set(id, left);
          return;
        }
        followers.delete(id);
        await sub.unsubscribe(docChannel(id));
      },
      async close() {
        clearInterval(heartbeat);
        setProcedureEventForwarder(undefined);
        // A clean stop: the others drop this process's clients' presence at once.
        await pub
          .publish(SHARED_CHANNEL, JSON.stringify({ from: selfHex, bye: true }))
          .then(() => pub.del(aliveKey))
          .catch(() => {});
        await Promise.allSettled([pub.quit(), sub.quit()]);
      },
    };
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured Redis';
  }
}
