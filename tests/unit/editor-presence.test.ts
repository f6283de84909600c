import { describe, expect, it } from 'vitest';
import { COLLAB_CLOSE, closeOutcome, parseAccessNotice } from '@/lib/editor/connection';
import { CloseCode } from '@/lib/collab/close-codes';
import { delegationColor, NEUTRAL_COLOR, presenceLabel, presenceUser, readPresenceUser } from '@/lib/editor/presence';

describe('presence in the editor', () => {
  it('gives each delegation its own stable colour, and people without one a neutral grey', () => {
    const iran = presenceUser({ name: 'Delegate of Iran', delegation: 'Iran (Islamic Rep. of)', role: 'member' });
    const thailand = presenceUser({ name: 'Delegate of Thailand', delegation: 'Thailand', role: 'member' });
    expect(iran.color).not.toBe(thailand.color);
    expect(delegationColor('Thailand')).toBe(thailand.color);
    expect(delegationColor(' thailand ')).toBe(thailand.color);
    expect(presenceUser({ name: 'Observer', delegation: null, role: 'observer' }).color).toBe(NEUTRAL_COLOR);
    expect(presenceUser({ name: 'Committee Secretary', delegation: null, role: 'secretariat' }).color).toBe(
      NEUTRAL_COLOR,
    );
  });

  it('names people by delegation, or by role when they speak for none', () => {
    expect(presenceLabel({ name: 'Delegate of Kenya', delegation: 'Kenya', role: 'member' })).toBe(
      'Delegate of Kenya · Kenya',
    );
    expect(presenceLabel({ name: 'Observer', delegation: null, role: 'observer' })).toBe('Observer · observer');
  });

  it("reads another browser's awareness state defensively", () => {
    expect(
      readPresenceUser({ user: { name: 'X', delegation: 'Y', role: 'member', color: 'red;background:url(x)' } })?.color,
    ).toBe(NEUTRAL_COLOR);
    expect(readPresenceUser({ user: { name: '' } })).toBeNull();
    expect(readPresenceUser(null)).toBeNull();
    expect(readPresenceUser({ user: { name: 'A'.repeat(500), role: 7 } })).toMatchObject({
      name: 'A'.repeat(120),
      role: '',
    });
  });
});

describe('the connection badge', () => {
  it("knows every close code the collaboration server uses, with the server's numbers", () => {
    for (const [name, code] of Object.entries(COLLAB_CLOSE))
      expect(CloseCode[name as keyof typeof CloseCode], name).toBe(code);
    for (const [name, code] of Object.entries(CloseCode)) {
      if (name === 'goingAway') continue;
      expect(COLLAB_CLOSE[name as keyof typeof COLLAB_CLOSE], name).toBe(code);
    }
  });

  it('stops retrying only where retrying cannot help', () => {
    expect(closeOutcome(COLLAB_CLOSE.notFound).reconnect).toBe(false);
    expect(closeOutcome(COLLAB_CLOSE.unauthenticated)).toMatchObject({
      reconnect: false,
      message: expect.stringMatching(/sign in/i),
    });
    expect(closeOutcome(COLLAB_CLOSE.rateLimited).reconnect).toBe(true);
    expect(closeOutcome(COLLAB_CLOSE.documentFull).reconnect).toBe(true);
    expect(closeOutcome(COLLAB_CLOSE.accessRevoked).reconnect).toBe(true);
    expect(closeOutcome(1006).reconnect).toBe(true);
  });

  it("parses the server's access notice and rejects anything else", () => {
    expect(parseAccessNotice('{"access":"read","reason":"stage"}')).toEqual({ access: 'read', reason: 'stage' });
    expect(parseAccessNotice('{"access":"write"}')).toEqual({ access: 'write' });
    expect(parseAccessNotice('{"access":"admin"}')).toBeNull();
    expect(parseAccessNotice('not json')).toBeNull();
  });
});
