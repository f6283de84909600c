import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from '@/lib/auth/client-address';

/** X-Forwarded-For counts only when the operator says proxies stand in front (issue 11.6). */
describe('the client address sign-in throttling keys on', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const none = parseTrustProxy(undefined);
    expect(clientAddress('::ffff:10.0.0.7', '203.0.113.9', none)).toBe('10.0.0.7');
    expect(clientAddress('10.0.0.7', ['1.1.1.1', '2.2.2.2'], none)).toBe('10.0.0.7');
    expect(clientAddress(undefined, '203.0.113.9', none)).toBe('unknown');
  });

  it('behind one trusted proxy, is the entry that proxy appended, not what the client wrote', () => {
    const one = parseTrustProxy('1');
    expect(clientAddress('127.0.0.1', '203.0.113.9', one)).toBe('203.0.113.9');
    // The client sent "6.6.6.6" itself; nginx appended the real address.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9', one)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', ['6.6.6.6', '203.0.113.9'], one)).toBe('203.0.113.9');
  });

  it('behind two trusted proxies, skips the inner proxy', () => {
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.1.1.1', parseTrustProxy('2'))).toBe('203.0.113.9');
  });

  it('falls back to the socket when the header is missing, short or not an address', () => {
    const two = parseTrustProxy('2');
    expect(clientAddress('10.0.0.7', undefined, two)).toBe('10.0.0.7');
    expect(clientAddress('10.0.0.7', '203.0.113.9', two)).toBe('10.0.0.7');
    expect(clientAddress('10.0.0.7', 'not-an-address, x', parseTrustProxy('1'))).toBe('10.0.0.7');
  });

  it('reads CONCORD_TRUST_PROXY as a number of proxies and refuses nonsense', () => {
    expect(parseTrustProxy('').hops).toBe(0);
    expect(parseTrustProxy('false').hops).toBe(0);
    expect(parseTrustProxy('true').hops).toBe(1);
    expect(parseTrustProxy('2').hops).toBe(2);
    expect(() => parseTrustProxy('nginx')).toThrow(/CONCORD_TRUST_PROXY/);
    expect(() => parseTrustProxy('-1')).toThrow(/CONCORD_TRUST_PROXY/);
  });
});
