import { issueApiToken } from '@/db/commands/token-issuer';
import { addDelegation, createUser } from '@/db/commands/committee-roster';
import { createBlankResolution } from '@/db/commands/blank-resolution-creator';
import { EMAIL, unique, type Cases } from './types';

const DRAFT =
  'The Assembly,\n\nRecalling its earlier work,\n\n  1. Decides to act;\n\n  2. Invites parliaments to report.\n';

/** Committees, members, resolutions, versions, tokens. */
export const platformCases: Cases = {
  'get /me': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider'],
    call: async () => ({}),
  },
  'patch /me': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider'],
    call: async () => ({ body: { locale: 'fr' } }),
  },
  'get /committees': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider'],
    call: async () => ({}),
  },
  'get /committees/{committee}': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async () => ({ params: { committee: 'peace-security' } }),
  },
  'get /committees/{committee}/delegations': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => ({ params: { committee: c.committeeId } }),
  },
  'post /committees/{committee}/delegations': {
    allowed: ['chair', 'secretariat'],
    call: async () => ({ params: { committee: 'peace-security' }, body: { name: unique('Delegation') } }),
  },
  'patch /committees/{committee}/delegations/{delegationId}': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => {
      const d = await addDelegation(c.db, c.committeeId, { name: unique('Patchable') });
      return { params: { committee: 'peace-security', delegationId: d.id }, body: { voteWeight: 7 } };
    },
  },
  'delete /committees/{committee}/delegations/{delegationId}': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => {
      const d = await addDelegation(c.db, c.committeeId, { name: unique('Removable') });
      return { params: { committee: 'peace-security', delegationId: d.id } };
    },
  },
  'get /committees/{committee}/members': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async () => ({ params: { committee: 'peace-security' } }),
  },
  'post /committees/{committee}/members': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => {
      const u = await createUser(c.db, { email: `${unique('new').replace(' ', '')}@example.org`, name: 'New' });
      return { params: { committee: 'peace-security' }, body: { email: u.email, role: 'observer' } };
    },
  },
  'patch /committees/{committee}/members/{userId}': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => ({
      params: { committee: 'peace-security', userId: c.userIds['canada@example.org'] },
      body: { role: 'observer' },
    }),
  },
  'delete /committees/{committee}/members/{userId}': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => {
      const email = `${unique('gone').replace(' ', '')}@example.org`;
      const u = await createUser(c.db, { email, name: 'Gone' });
      const { addMember } = await import('@/db/commands/committee-roster');
      await addMember(c.db, c.committeeId, { email, role: 'observer' });
      return { params: { committee: 'peace-security', userId: u.id } };
    },
  },
  'get /committees/{committee}/resolutions': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async () => ({ params: { committee: 'peace-security' } }),
  },
  'post /committees/{committee}/resolutions': {
    allowed: ['chair', 'secretariat'],
    call: async () => ({ params: { committee: 'peace-security' }, body: { title: unique('Imported'), text: DRAFT } }),
  },
  'post /committees/{committee}/imports/preview': {
    allowed: ['chair', 'secretariat'],
    call: async () => ({ params: { committee: 'peace-security' }, body: { text: DRAFT } }),
  },
  'get /resolutions/{id}': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'get /resolutions/{id}/text': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'post /resolutions/{id}/stage': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => {
      const r = await createBlankResolution(c.db, {
        committeeId: c.committeeId,
        actorId: c.userIds['chair@example.org'],
        title: unique('Staged'),
      });
      return { params: { id: r.id }, body: { to: 'amendments' } };
    },
  },
  'get /resolutions/{id}/versions': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'post /resolutions/{id}/versions': {
    allowed: ['chair', 'secretariat', 'member'],
    call: async (c) => ({ params: { id: c.resolutionId }, body: { name: unique('Version') } }),
  },
  'get /resolutions/{id}/versions/{versionId}': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => {
      const { listVersions } = await import('@/db/queries/resolutions');
      const [v] = await listVersions(c.db, c.resolutionId);
      return { params: { id: c.resolutionId, versionId: v.id } };
    },
  },
  'post /resolutions/{id}/versions/{versionId}/restore': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => {
      const { listVersions } = await import('@/db/queries/resolutions');
      const [v] = await listVersions(c.db, c.resolutionId);
      return { params: { id: c.resolutionId, versionId: v.id } };
    },
  },
  'get /resolutions/{id}/versions/compare': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => {
      const { listVersions } = await import('@/db/queries/resolutions');
      const [v] = await listVersions(c.db, c.resolutionId);
      return { params: { id: c.resolutionId }, query: { from: v.id, to: 'current' } };
    },
  },
  'get /resolutions/{id}/events': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'get /resolutions/{id}/export': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => ({ params: { id: c.resolutionId }, query: { format: 'text' } }),
  },
  'get /tokens': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider'],
    call: async () => ({}),
  },
  'post /tokens': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider'],
    call: async () => ({ body: { name: 'script' } }),
  },
  'get /sessions': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider'],
    call: async () => ({}),
  },
  // Ends the caller's browser sessions; the matrix authenticates with API tokens, which stay.
  'delete /sessions': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider'],
    call: async () => ({}),
  },
  'delete /tokens/{tokenId}': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider'],
    call: async (c, who) => {
      const userId = who === 'anonymous' ? c.userIds['chair@example.org'] : c.userIds[EMAIL[who]];
      const t = await issueApiToken(c.db, userId, 'to revoke');
      return { params: { tokenId: t.id } };
    },
  },
};
