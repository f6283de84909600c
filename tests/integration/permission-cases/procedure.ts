import { and, eq } from 'drizzle-orm';
import { delegations, resolutions, type Resolution } from '@/db/schema';
import { importResolution } from '@/db/commands/resolution-importer';
import { openVote } from '@/db/commands/vote-opener';
import { declareAdoption } from '@/db/commands/adoption-declarer';
import { recordReservation } from '@/db/commands/reservation-recorder';
import { loadDocState } from '@/db/queries/doc-state';
import { decodeParagraphs } from '@/lib/text/ydoc';
import { unique, type Cases, type Ctx } from './types';

/** Reservations, votes, adoption, publication, audit: each call builds its own resolution. */

const DRAFT =
  'The Assembly,\n\nRecalling its earlier work,\n\n  1. Decides to act;\n\n  2. Invites parliaments to report.\n';
const everyone = ['chair', 'secretariat', 'member', 'observer', 'translator'] as const;

async function iran(c: Ctx): Promise<string> {
  const [d] = await c.db
    .select({ id: delegations.id })
    .from(delegations)
    .where(and(eq(delegations.committeeId, c.committeeId), eq(delegations.name, 'Iran (Islamic Rep. of)')));
  return d.id;
}

/** A fresh resolution at the voting stage (the stage change itself is not under test here). */
async function atVoting(c: Ctx): Promise<Resolution> {
  const { resolution } = await importResolution(c.db, {
    committeeId: c.committeeId,
    actorId: c.userIds['secretariat@example.org'],
    text: DRAFT,
    title: unique('Voting'),
  });
  const [row] = await c.db
    .update(resolutions)
    .set({ stage: 'voting' })
    .where(eq(resolutions.id, resolution.id))
    .returning();
  return row;
}

async function adopted(c: Ctx): Promise<Resolution> {
  const r = await atVoting(c);
  return declareAdoption(c.db, {
    resolutionId: r.id,
    method: 'consensus',
    date: '2010-04-01',
    actorId: c.userIds['chair@example.org'],
    state: (await loadDocState(c.db, r.id)).update,
  });
}

async function openElectronicVote(c: Ctx) {
  const r = await atVoting(c);
  return openVote(c.db, {
    resolution: r,
    subject: { kind: 'resolution' },
    method: 'electronic',
    majority: 'simple',
    actorId: c.userIds['chair@example.org'],
    paragraphIds: [],
  });
}

async function firstOperative(c: Ctx, resolutionId: string): Promise<string> {
  return decodeParagraphs((await loadDocState(c.db, resolutionId)).update).find((p) => p.kind === 'operative')!.id;
}

export const procedureCases: Cases = {
  'get /resolutions/{id}/reservations': {
    allowed: [...everyone],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'post /resolutions/{id}/reservations': {
    allowed: ['secretariat', 'member'],
    call: async (c) => {
      const r = await atVoting(c);
      return {
        params: { id: r.id },
        body: {
          kind: 'reservation',
          paragraphId: await firstOperative(c, r.id),
          text: 'in relation to the word "act".',
          delegationId: await iran(c),
        },
      };
    },
  },
  'delete /resolutions/{id}/reservations/{reservationId}': {
    allowed: ['secretariat', 'member'],
    call: async (c) => {
      const r = await atVoting(c);
      const row = await recordReservation(c.db, {
        resolutionId: r.id,
        delegationId: await iran(c),
        paragraphId: null,
        kind: 'dissociation',
        text: 'from the resolution as a whole.',
        actorId: c.userIds['iran@example.org'],
        paragraphIds: [],
      });
      return { params: { id: r.id, reservationId: row.id } };
    },
  },
  'get /resolutions/{id}/votes': { allowed: [...everyone], call: async (c) => ({ params: { id: c.resolutionId } }) },
  'post /resolutions/{id}/votes': {
    allowed: ['chair'],
    call: async (c) => {
      const r = await atVoting(c);
      return {
        params: { id: r.id },
        body: {
          subject: { kind: 'paragraph', paragraphId: await firstOperative(c, r.id) },
          method: 'roll_call',
          majority: 'simple',
        },
      };
    },
  },
  'get /votes/{voteId}': {
    allowed: [...everyone],
    call: async (c) => ({ params: { voteId: (await openElectronicVote(c)).id } }),
  },
  'post /votes/{voteId}/ballots': {
    // Chair and secretariat enter ballots announced on the floor (vote:record); the member votes for Iran.
    allowed: ['chair', 'secretariat', 'member'],
    call: async (c) => ({
      params: { voteId: (await openElectronicVote(c)).id },
      body: { choice: 'yes', delegationId: await iran(c) },
    }),
  },
  'post /votes/{voteId}/close': {
    allowed: ['chair'],
    call: async (c) => ({ params: { voteId: (await openElectronicVote(c)).id }, body: {} }),
  },
  'post /resolutions/{id}/adoption': {
    allowed: ['chair'],
    call: async (c) => ({
      params: { id: (await atVoting(c)).id },
      body: { method: 'consensus', date: '2010-04-01', place: 'Bangkok' },
    }),
  },
  'get /resolutions/{id}/published': {
    allowed: [...everyone],
    call: async (c) => ({ params: { id: (await adopted(c)).id } }),
  },
  'post /resolutions/{id}/publication': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => ({ params: { id: (await adopted(c)).id } }),
  },
  'get /resolutions/{id}/audit': { allowed: [...everyone], call: async (c) => ({ params: { id: c.resolutionId } }) },
  'get /resolutions/{id}/audit/verify': {
    allowed: [...everyone],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'get /resolutions/{id}/audit/export': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
};
