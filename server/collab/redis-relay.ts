import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AccessTarget, CrossProcessRelay, RelayListener } from './relay';
import { deliverRemoteProcedureEvent, setProcedureEventForwarder, type ProcedureEvent } from '../procedure-events';

/**
 * Several Concord processes serving the same resolutions (REDIS_URL). Each document has a
 * channel carrying stored updates and presence; one shared channel carries access changes
 * and procedure events. A process only subscribes to the documents it has loaded, and
 * subscribes before it reads the stored state, so nothing relayed meanwhile is missed.
 *
 * Frame: 1 byte kind, 8 bytes sender id (a process ignores its own), then the payload.
 */
const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const SHARED_CHANNEL = 'concord:shared';
const docChannel = (id: string) => `concord:doc:${id}`;

export async function connectRedisRelay(
  url: string,
  log: (m: string) => void,
): Promise<(listener: RelayListener) => CrossProcessRelay> {
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
  log(`relaying updates and presence through Redis at ${redactUrl(url)}`);

  const frame = (kind: number, payload: Uint8Array) => Buffer.concat([Buffer.from([kind]), self, payload]);

  return (listener) => {
    sub.on('messageBuffer', (channelBuf: Buffer, message: Buffer) => {
      const channel = channelBuf.toString();
      try {
        if (channel === SHARED_CHANNEL) {
          const parsed = JSON.parse(message.toString()) as {
            from: string;
            access?: AccessTarget;
            event?: ProcedureEvent;
          };
          if (parsed.from === self.toString('hex')) return;
          if (parsed.access) listener.remoteAccessChange(parsed.access);
          if (parsed.event) deliverRemoteProcedureEvent(parsed.event);
          return;
        }
        if (message.length < 9 || message.subarray(1, 9).equals(self)) return;
        const id = channel.slice('concord:doc:'.length);
        const payload = new Uint8Array(message.buffer, message.byteOffset + 9, message.length - 9);
        if (message[0] === KIND_UPDATE) listener.remoteUpdate(id, payload);
        else if (message[0] === KIND_AWARENESS) listener.remoteAwareness(id, payload);
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
      async follow(id) {
        await sub.subscribe(docChannel(id));
      },
      async unfollow(id) {
        await sub.unsubscribe(docChannel(id));
      },
      async close() {
        setProcedureEventForwarder(undefined);
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
