import type { Cases } from './types';

/** The room's screen: everyone reads what it shows; the chair and the secretariat steer it. */
export const screenCases: Cases = {
  'get /resolutions/{id}/screen': {
    allowed: ['chair', 'secretariat', 'member', 'observer', 'translator'],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'put /resolutions/{id}/screen': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => ({ params: { id: c.resolutionId }, body: { kind: 'voting-order' } }),
  },
};
