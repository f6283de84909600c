import { describe, expect, it } from 'vitest';
import { ACTIONS, can, collabAccess, languageCollabAccess, type Actor, type Role } from '@/lib/permissions';
import { STAGES } from '@/lib/resolution/types';

const actor = (role: Role | null, delegationId: string | null = null): Actor => ({ userId: 'u', role, delegationId });
const chair = actor('chair');
const secretariat = actor('secretariat');
const iran = actor('member', 'd-iran');
const observer = actor('observer');
const translator = actor('translator');
const outsider = actor(null);

describe('who may do what', () => {
  it('someone with no role in the committee may do nothing there', () => {
    for (const action of ACTIONS.filter((a) => a !== 'token:manage')) {
      for (const stage of STAGES) expect(can(outsider, action, { stage, delegationId: null })).toBe(false);
    }
    expect(can(null, 'resolution:read')).toBe(false);
  });

  it('an observer reads everything and writes nothing', () => {
    const writes = ACTIONS.filter(
      (a) => !['committee:read', 'resolution:read', 'audit:read', 'token:manage'].includes(a),
    );
    for (const action of writes) {
      for (const stage of STAGES) expect(can(observer, action, { stage, delegationId: null }), action).toBe(false);
    }
    expect(can(observer, 'resolution:read')).toBe(true);
  });

  it('a translator reads everything and writes only the language versions', () => {
    const reads = ['committee:read', 'resolution:read', 'audit:read', 'token:manage'];
    for (const action of ACTIONS.filter((a) => !reads.includes(a))) {
      for (const stage of STAGES) {
        const allowed = action === 'language:edit' && stage !== 'withdrawn';
        expect(can(translator, action, { stage, delegationId: null }), `${action} at ${stage}`).toBe(allowed);
      }
    }
    expect(can(translator, 'resolution:read')).toBe(true);
    expect(collabAccess(translator, 'drafting')).toBe('read');
    expect(languageCollabAccess(translator, 'drafting')).toBe('write');
    expect(languageCollabAccess(translator, 'adopted')).toBe('write');
  });

  it('the chair or the secretariat adds language versions; the secretariat translates too; only the chair overrides', () => {
    for (const a of [chair, secretariat]) expect(can(a, 'language:add', { stage: 'voting' })).toBe(true);
    for (const a of [iran, observer, translator]) expect(can(a, 'language:add', { stage: 'voting' })).toBe(false);
    expect(can(secretariat, 'language:edit', { stage: 'adopted' })).toBe(true);
    for (const a of [chair, iran, observer]) expect(can(a, 'language:edit', { stage: 'drafting' })).toBe(false);
    expect(languageCollabAccess(iran, 'drafting')).toBe('read');
    expect(languageCollabAccess(actor(null), 'drafting')).toBe('none');
    expect(can(chair, 'language:override')).toBe(true);
    for (const a of [secretariat, iran, translator]) expect(can(a, 'language:override')).toBe(false);
  });

  it('during drafting the chair, the secretariat and members co-edit the text', () => {
    for (const a of [chair, secretariat, iran])
      expect(can(a, 'resolution:edit-text', { stage: 'drafting' })).toBe(true);
    expect(can(observer, 'resolution:edit-text', { stage: 'drafting' })).toBe(false);
  });

  it('from the amendment stage on only the secretariat may correct the text directly', () => {
    for (const stage of ['amendments', 'voting'] as const) {
      expect(can(secretariat, 'resolution:edit-text', { stage })).toBe(true);
      expect(can(chair, 'resolution:edit-text', { stage })).toBe(false);
      expect(can(iran, 'resolution:edit-text', { stage })).toBe(false);
    }
    expect(can(secretariat, 'resolution:edit-text', { stage: 'adopted' })).toBe(false);
  });

  it('a member casts only their own delegation’s ballot and records only its reservations', () => {
    expect(can(iran, 'vote:cast', { delegationId: 'd-iran' })).toBe(true);
    expect(can(iran, 'vote:cast', { delegationId: 'd-thailand' })).toBe(false);
    expect(can(iran, 'reservation:record', { delegationId: 'd-iran' })).toBe(true);
    expect(can(iran, 'reservation:record', { delegationId: 'd-thailand' })).toBe(false);
    expect(can(secretariat, 'reservation:record', { delegationId: 'd-thailand' })).toBe(true);
  });

  it('only the chair opens and closes votes and declares adoption', () => {
    for (const action of ['vote:open', 'vote:close', 'resolution:adopt', 'amendment:rule'] as const) {
      expect(can(chair, action)).toBe(true);
      expect(can(iran, action)).toBe(false);
      expect(can(observer, action)).toBe(false);
    }
  });

  it('co-sponsors edit an amendment draft; other delegations do not', () => {
    const subject = { delegationId: 'd-iran', coSponsorDelegationIds: ['d-thailand'] };
    expect(can(iran, 'amendment:edit', subject)).toBe(true);
    expect(can(actor('member', 'd-thailand'), 'amendment:edit', subject)).toBe(true);
    expect(can(actor('member', 'd-kenya'), 'amendment:edit', subject)).toBe(false);
    // Withdrawal is the sponsor's alone.
    expect(can(actor('member', 'd-thailand'), 'amendment:withdraw', subject)).toBe(false);
  });

  it('the sponsor drops any co-sponsor; a co-sponsor may only leave itself', () => {
    const subject = { delegationId: 'd-iran', coSponsorDelegationIds: ['d-thailand', 'd-kenya'] };
    expect(can(iran, 'amendment:remove-cosponsor', { ...subject, coSponsorRemoved: 'd-kenya' })).toBe(true);
    expect(
      can(actor('member', 'd-thailand'), 'amendment:remove-cosponsor', { ...subject, coSponsorRemoved: 'd-thailand' }),
    ).toBe(true);
    expect(
      can(actor('member', 'd-thailand'), 'amendment:remove-cosponsor', { ...subject, coSponsorRemoved: 'd-kenya' }),
    ).toBe(false);
    expect(
      can(actor('member', 'd-canada'), 'amendment:remove-cosponsor', { ...subject, coSponsorRemoved: 'd-canada' }),
    ).toBe(false);
    expect(can(secretariat, 'amendment:remove-cosponsor', { ...subject, coSponsorRemoved: 'd-kenya' })).toBe(true);
    expect(can(chair, 'amendment:remove-cosponsor', { ...subject, coSponsorRemoved: 'd-kenya' })).toBe(false);
  });

  it('collaboration connections are write, read or refused', () => {
    expect(collabAccess(iran, 'drafting')).toBe('write');
    expect(collabAccess(iran, 'amendments')).toBe('read');
    expect(collabAccess(observer, 'drafting')).toBe('read');
    expect(collabAccess(outsider, 'drafting')).toBe('none');
  });
});
