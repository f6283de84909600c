import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { connectRedisRelay } from '@/server/collab/redis-relay';
import type { CrossProcessRelay, RelayListener } from '@/server/collab/relay';
import { redisUrl } from '../helpers/services';
import { waitFor } from './clients';

/**
 * The relay between processes on a real Redis (issue 17.4): every channel carries
 * CONCORD_REDIS_PREFIX, so two deployments sharing one Redis do not hear each other; a
 * process that stops being heard from is reported gone (its clients' presence is then
 * removed), and one that stops cleanly says so at once.
 */
const url = redisUrl();
const relays: CrossProcessRelay[] = [];
afterAll(async () => {
  for (const r of relays) await r.close().catch(() => {});
});

interface Heard {
  updates: string[];
  awareness: { doc: string; from?: string }[];
  gone: string[];
}

async function process(prefix: string, processTimeoutMs = 1500): Promise<{ relay: CrossProcessRelay; heard: Heard }> {
  const heard: Heard = { updates: [], awareness: [], gone: [] };
  const listener: RelayListener = {
    remoteUpdate: (id, update) => heard.updates.push(`${id}:${Buffer.from(update).toString()}`),
    remoteAwareness: (id, _update, from) => heard.awareness.push({ doc: id, from }),
    remoteAccessChange: () => {},
    processGone: (from) => heard.gone.push(from),
  };
  const relay = (await connectRedisRelay(url!, () => {}, { prefix, processTimeoutMs }))(listener);
  relays.push(relay);
  return { relay, heard };
}

describe.skipIf(!url)('the Redis relay', () => {
  it('two prefixes on one Redis do not hear each other; the same prefix does', async () => {
    const tag = randomBytes(4).toString('hex');
    const a1 = await process(`test-a-${tag}:`);
    const a2 = await process(`test-a-${tag}:`);
    const b = await process(`test-b-${tag}:`);
    for (const p of [a1, a2, b]) await p.relay.follow('doc-1');
    a1.relay.publishUpdate('doc-1', Buffer.from('from-a'));
    b.relay.publishUpdate('doc-1', Buffer.from('from-b'));
    await waitFor(() => a2.heard.updates.length > 0, 5000, 'a2 hears a1');
    await waitFor(() => b.heard.updates.length + a1.heard.updates.length >= 0, 100, 'settle');
    // A last message through each deployment: once it arrives, anything crossing over would have too.
    a1.relay.publishUpdate('doc-1', Buffer.from('last-a'));
    b.relay.publishUpdate('doc-1', Buffer.from('last-b'));
    await waitFor(() => a2.heard.updates.includes('doc-1:last-a'), 5000, 'last a');
    expect(a2.heard.updates).toEqual(['doc-1:from-a', 'doc-1:last-a']);
    expect(a1.heard.updates).toEqual([]);
    expect(b.heard.updates).toEqual([]);
  });

  it('presence carries its process; a process that goes silent is reported gone, a clean stop at once', async () => {
    const tag = randomBytes(4).toString('hex');
    const watcher = await process(`test-p-${tag}:`);
    const polite = await process(`test-p-${tag}:`);
    await watcher.relay.follow('doc-2');
    // A process that relays one presence entry and is then never heard from again, as after
    // a SIGKILL: its frames written by hand (kind 1 = presence, 8 bytes of sender id).
    const silentId = randomBytes(8);
    const raw = new Redis(url!);
    await raw.publish(`test-p-${tag}:doc:doc-2`, Buffer.concat([Buffer.from([1]), silentId, Buffer.from([0])]));
    raw.disconnect();
    polite.relay.publishAwareness('doc-2', Buffer.from([0]));
    await waitFor(() => watcher.heard.awareness.length === 2, 5000, 'presence from both');
    const [fromSilent, fromPolite] = watcher.heard.awareness.map((a) => a.from);
    expect(fromSilent).toMatch(/^[0-9a-f]{16}$/);
    expect(fromPolite).not.toBe(fromSilent);
    await polite.relay.close();
    await waitFor(() => watcher.heard.gone.includes(fromPolite!), 5000, 'the clean stop');
    expect(fromSilent).toBe(silentId.toString('hex'));
    await waitFor(() => watcher.heard.gone.includes(fromSilent!), 10_000, 'the silent one reported gone');
  });
});
