import { isIP } from 'node:net';

/**
 * The address a request came from, for throttling sign-ins. X-Forwarded-For is whatever
 * the client wrote unless a proxy of ours added to it, so it counts only when the operator
 * says how many proxies stand in front (CONCORD_TRUST_PROXY): then the entry that the
 * outermost trusted proxy appended is the client, and everything left of it is ignored.
 */
export interface TrustProxy {
  /** How many proxies of ours append to X-Forwarded-For; 0 = ignore the header. */
  hops: number;
}

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'no') return { hops: 0 };
  if (v === 'true' || v === 'yes') return { hops: 1 };
  const hops = Number(v);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(
      `CONCORD_TRUST_PROXY must be the number of proxies in front of Concord (1 for one nginx), got "${value}"`,
    );
  }
  return { hops };
}

/** Normalises "::ffff:127.0.0.1" to "127.0.0.1" so one client has one key. */
function normalise(address: string): string | null {
  const a = address.trim().replace(/^\[|\]$/g, '');
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  const plain = v4 ? v4[1] : a;
  return isIP(plain) ? plain.toLowerCase() : null;
}

export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy,
): string {
  const direct = (socketAddress && normalise(socketAddress)) || 'unknown';
  if (trust.hops === 0 || forwardedFor === undefined) return direct;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  // Our proxies appended the last `hops` entries; the first of those is what the outermost saw.
  const index = entries.length - trust.hops;
  if (index < 0) return direct;
  return normalise(entries[index]) ?? direct;
}
