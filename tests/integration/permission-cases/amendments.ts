import { and, eq } from 'drizzle-orm';
import { amendmentCosponsors, delegations, resolutions } from '@/db/schema';
import { importResolution } from '@/db/commands/resolution-importer';
import { changeStage } from '@/db/commands/stage-changer';
import { draftAmendment } from '@/db/commands/amendment-drafter';
import { tableAmendment } from '@/db/commands/amendment-tabler';
import { loadDocState } from '@/db/queries/doc-state';
import { decodeParagraphs } from '@/lib/text/ydoc';
import { unique, type Cases, type Ctx } from './types';

/**
 * Amendments (issue 4). Every call builds its own resolution at the amendments stage and
 * an amendment of Iran's (the member's delegation), as a draft or tabled, so no case
 * depends on another's leftovers.
 */
const DRAFT =
  'The Assembly,\n\nRecalling its earlier work,\n\n  1. Decides to act;\n\n  2. Invites parliaments to report.\n';

async function delegationId(c: Ctx, name: string): Promise<string> {
  const [d] = await c.db
    .select()
    .from(delegations)
    .where(and(eq(delegations.committeeId, c.committeeId), eq(delegations.name, name)));
  return d.id;
}

async function resolutionAtAmendments(c: Ctx) {
  const chair = c.userIds['chair@example.org'];
  const { resolution } = await importResolution(c.db, {
    committeeId: c.committeeId,
    actorId: chair,
    text: DRAFT,
    title: unique('Amendable'),
  });
  const state = (await loadDocState(c.db, resolution.id)).update;
  await changeStage(c.db, { resolution, to: 'amendments', actorId: chair, state });
  return { resolutionId: resolution.id, paragraphs: decodeParagraphs(state) };
}

/** An amendment of Iran's to OP 1 of a fresh resolution. */
export async function iransAmendment(c: Ctx, status: 'draft' | 'tabled') {
  const { resolutionId, paragraphs } = await resolutionAtAmendments(c);
  const op1 = paragraphs.find((p) => p.kind === 'operative')!;
  const scope = { committeeId: c.committeeId, resolutionId, actorId: c.userIds['iran@example.org'] };
  const amendment = await draftAmendment(c.db, {
    ...scope,
    kind: 'modify',
    targetParagraphId: op1.id,
    proposedText: 'Decides to act at once;',
    sponsorDelegationId: await delegationId(c, 'Iran (Islamic Rep. of)'),
    paragraphs,
  });
  if (status === 'tabled') await tableAmendment(c.db, { ...scope, amendment, paragraphs });
  return { resolutionId, amendmentId: amendment.id };
}

const everyone = ['chair', 'secretariat', 'member', 'observer', 'translator'] as const;
const itsDelegation = ['secretariat', 'member'] as const;

export const amendmentCases: Cases = {
  'get /resolutions/{id}/amendments': {
    allowed: [...everyone],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'post /resolutions/{id}/amendments': {
    allowed: ['chair', 'secretariat', 'member'],
    call: async (c) => {
      const [resolution] = await c.db.select().from(resolutions).where(eq(resolutions.id, c.resolutionId));
      const paragraphs = decodeParagraphs((await loadDocState(c.db, resolution.id)).update);
      const target = paragraphs.find((p) => p.kind === 'operative')!;
      return {
        params: { id: c.resolutionId },
        body: {
          kind: 'delete',
          targetParagraphId: target.id,
          sponsorDelegationId: await delegationId(c, 'Iran (Islamic Rep. of)'),
        },
      };
    },
  },
  'get /resolutions/{id}/amendments/preview': {
    allowed: [...everyone],
    call: async (c) => {
      const { resolutionId, amendmentId } = await iransAmendment(c, 'tabled');
      return { params: { id: resolutionId }, query: { ids: amendmentId } };
    },
  },
  'get /resolutions/{id}/amendments/voting-order': {
    allowed: [...everyone],
    call: async (c) => ({ params: { id: c.resolutionId } }),
  },
  'put /resolutions/{id}/amendments/voting-order': {
    allowed: ['chair'],
    call: async (c) => {
      const { resolutionId, amendmentId } = await iransAmendment(c, 'tabled');
      return { params: { id: resolutionId }, body: { order: [amendmentId] } };
    },
  },
  'put /resolutions/{id}/amendments/deadline': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => {
      const { resolutionId } = await resolutionAtAmendments(c);
      return { params: { id: resolutionId }, body: { deadline: '2030-04-01T14:00:00Z' } };
    },
  },
  'get /resolutions/{id}/amendments/export': {
    allowed: [...everyone],
    call: async (c) => {
      const { resolutionId } = await iransAmendment(c, 'tabled');
      return { params: { id: resolutionId }, query: { format: 'html' } };
    },
  },
  'get /amendments/{amendmentId}': {
    allowed: [...everyone],
    call: async (c) => ({ params: { amendmentId: (await iransAmendment(c, 'tabled')).amendmentId } }),
  },
  'patch /amendments/{amendmentId}': {
    allowed: [...itsDelegation],
    call: async (c) => ({
      params: { amendmentId: (await iransAmendment(c, 'draft')).amendmentId },
      body: { rationale: 'Urgency.' },
    }),
  },
  'post /amendments/{amendmentId}/cosponsors': {
    allowed: [...itsDelegation],
    call: async (c) => ({
      params: { amendmentId: (await iransAmendment(c, 'draft')).amendmentId },
      body: { delegationId: await delegationId(c, 'Kenya') },
    }),
  },
  'delete /amendments/{amendmentId}/cosponsors/{delegationId}': {
    // Iran (the member) sponsors; Kenya co-sponsors and is removed.
    allowed: [...itsDelegation],
    call: async (c) => {
      const { amendmentId } = await iransAmendment(c, 'draft');
      const kenya = await delegationId(c, 'Kenya');
      await c.db.insert(amendmentCosponsors).values({ amendmentId, delegationId: kenya }).onConflictDoNothing();
      return { params: { amendmentId, delegationId: kenya } };
    },
  },
  'post /amendments/{amendmentId}/cosponsorship': {
    // Kenya sponsors and invites Iran (the member's delegation); only Iran answers for Iran.
    allowed: ['member'],
    call: async (c) => {
      const { resolutionId, paragraphs } = await resolutionAtAmendments(c);
      const amendment = await draftAmendment(c.db, {
        committeeId: c.committeeId,
        resolutionId,
        actorId: c.userIds['chair@example.org'],
        kind: 'delete',
        targetParagraphId: paragraphs.find((p) => p.kind === 'operative')!.id,
        sponsorDelegationId: await delegationId(c, 'Kenya'),
        coSponsorDelegationIds: [await delegationId(c, 'Iran (Islamic Rep. of)')],
        paragraphs,
      });
      return { params: { amendmentId: amendment.id }, body: { answer: 'accept' } };
    },
  },
  'post /amendments/{amendmentId}/rewrite': {
    allowed: [...itsDelegation],
    call: async (c) => ({
      params: { amendmentId: (await iransAmendment(c, 'draft')).amendmentId },
      body: { proposedText: 'Decides to act without delay;' },
    }),
  },
  'post /amendments/{amendmentId}/table': {
    allowed: [...itsDelegation],
    call: async (c) => ({ params: { amendmentId: (await iransAmendment(c, 'draft')).amendmentId } }),
  },
  'post /amendments/{amendmentId}/withdraw': {
    allowed: ['member'],
    call: async (c) => ({
      params: { amendmentId: (await iransAmendment(c, 'tabled')).amendmentId },
      body: { reason: 'Agreed text found' },
    }),
  },
  'post /amendments/{amendmentId}/ruling': {
    allowed: ['chair'],
    call: async (c) => ({
      params: { amendmentId: (await iransAmendment(c, 'tabled')).amendmentId },
      body: { reason: 'Outside the subject of the resolution' },
    }),
  },
  'post /amendments/{amendmentId}/decision': {
    allowed: ['chair', 'secretariat'],
    call: async (c) => ({
      params: { amendmentId: (await iransAmendment(c, 'tabled')).amendmentId },
      body: { outcome: 'adopted', method: 'consensus' },
    }),
  },
};
