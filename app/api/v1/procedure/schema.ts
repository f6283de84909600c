import { z } from 'zod';
import { freeText } from '@/lib/text/free-text';
import { resolutionParams } from '../resolutions/schema';
import { listWithYouCan, type Operation } from '../_lib/openapi';

/** Reservations, votes, adoption, publication and the audit record (issue 5). */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD, e.g. 2010-04-01.')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'Not a calendar date.');

export const reservationParams = resolutionParams.extend({ reservationId: z.uuid() });
export const reservationBody = z.strictObject({
  kind: z.enum(['reservation', 'dissociation', 'interpretative_statement']),
  paragraphId: freeText()
    .min(1)
    .max(100)
    .nullable()
    .meta({ description: 'Stable paragraph id; null for the whole text' }),
  text: freeText()
    .trim()
    .min(3, 'Give the words of the reservation.')
    .max(2000)
    .meta({ example: 'in relation to the concept of "gender equality".' }),
  delegationId: z.uuid().optional().meta({
    description: 'Members: their own delegation (the default). Secretariat: the delegation it records for (required).',
  }),
});
export const reservationListQuery = z.object({ withdrawn: z.enum(['true', 'false']).default('false') });

const counts = z.strictObject({
  yes: z.number().int().min(0).max(1_000_000),
  no: z.number().int().min(0).max(1_000_000),
  abstain: z.number().int().min(0).max(1_000_000),
});

export const openVoteBody = z.strictObject({
  subject: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('amendment'), amendmentId: z.uuid() }),
    z.strictObject({ kind: z.literal('paragraph'), paragraphId: freeText().min(1).max(100) }),
    z.strictObject({ kind: z.literal('resolution') }),
  ]),
  method: z.enum(['show_of_hands', 'recorded', 'roll_call', 'secret', 'electronic']),
  majority: z.enum(['simple', 'absolute', 'two_thirds']).default('simple'),
  quorum: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .nullable()
    .optional()
    .meta({ description: 'Minimum taking part (weight when weighted)' }),
  weighted: z.boolean().default(false).meta({ description: "Count each delegation's vote weight" }),
});

export const voteParams = z.object({ voteId: z.uuid().meta({ description: 'Vote id' }) });
export const ballotBody = z.strictObject({
  choice: z.enum(['yes', 'no', 'abstain']),
  delegationId: z.uuid().optional().meta({
    description:
      'Members: their own delegation (the default). Chair/secretariat: the delegation whose ballot they enter.',
  }),
});
const adoptionFacts = {
  date: isoDate.optional().meta({ description: 'Date of adoption, YYYY-MM-DD (default today)' }),
  place: freeText().trim().min(1).max(200).optional(),
  session: freeText()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'The adopting body as printed after "by the": "122nd IPU Assembly"' }),
};
export const closeVoteBody = z.strictObject({
  counts: counts.optional().meta({ description: 'Show of hands only: the counts announced' }),
  adoption: z
    .strictObject(adoptionFacts)
    .optional()
    .meta({ description: 'A vote on the whole text that carries adopts it: date, place, session' }),
});

export const adoptionBody = z.strictObject({
  method: z
    .enum(['consensus', 'without_vote'])
    .default('consensus')
    .meta({ description: 'Adoption by vote happens when a vote on the whole text that carries is closed' }),
  ...adoptionFacts,
});

export const auditListQuery = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) });

/** Optional: publishing takes no body unless the chair overrides the language versions' check. */
export const publicationBody = z.strictObject({
  overrideLanguages: z.boolean().default(false).meta({
    description: 'The chair publishes although an official language version is incomplete or out of date (audited)',
  }),
});

export const procedureOperations: Operation[] = [
  {
    method: 'get',
    path: '/resolutions/{id}/reservations',
    summary: 'Reservations, dissociations and interpretative statements (withdrawn ones with ?withdrawn=true)',
    tag: 'reservations',
    params: resolutionParams,
    query: reservationListQuery,
    allowed: 'any role',
    response: listWithYouCan('reservations', {
      withdraw: 'withdraw it (its delegation or the secretariat, until publication)',
    }),
  },
  {
    method: 'post',
    path: '/resolutions/{id}/reservations',
    summary: 'Record a reservation on a paragraph (stable id) or the whole text, until publication',
    tag: 'reservations',
    params: resolutionParams,
    body: reservationBody,
    allowed: 'a member for their delegation; the secretariat for any',
  },
  {
    method: 'delete',
    path: '/resolutions/{id}/reservations/{reservationId}',
    summary: 'Withdraw a reservation (kept in the record as withdrawn)',
    tag: 'reservations',
    params: reservationParams,
    allowed: 'its delegation; the secretariat',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/votes',
    summary: 'Votes taken and open, with tallies (never the choices of a secret vote)',
    tag: 'votes',
    params: resolutionParams,
    allowed: 'any role',
    response: listWithYouCan('votes', {
      cast: "cast your delegation's ballot",
      recordBallots: 'enter ballots announced on the floor',
      close: 'close the vote',
    }),
  },
  {
    method: 'post',
    path: '/resolutions/{id}/votes',
    summary: 'Open a vote on an amendment, a paragraph (separate vote) or the whole text',
    tag: 'votes',
    params: resolutionParams,
    body: openVoteBody,
    allowed: 'chair',
  },
  {
    method: 'get',
    path: '/votes/{voteId}',
    summary: 'One vote: live tally, ballots of recorded votes, roll-call order, result',
    tag: 'votes',
    params: voteParams,
    allowed: 'any role',
  },
  {
    method: 'post',
    path: '/votes/{voteId}/ballots',
    summary:
      "Cast (or change) a delegation's ballot; one per delegation, until the vote closes. A secret ballot cannot be changed: a second one gets 409",
    tag: 'votes',
    params: voteParams,
    body: ballotBody,
    allowed: 'a member for their delegation; chair and secretariat enter ballots for any',
  },
  {
    method: 'post',
    path: '/votes/{voteId}/close',
    summary: 'Close a vote: the result is computed and stored; a vote on the whole text that carries adopts it',
    tag: 'votes',
    params: voteParams,
    body: closeVoteBody,
    allowed: 'chair',
  },
  {
    method: 'post',
    path: '/resolutions/{id}/adoption',
    summary: 'Declare the resolution adopted by consensus (or without a vote): freezes the adopted version',
    tag: 'adoption',
    params: resolutionParams,
    body: adoptionBody,
    allowed: 'chair',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/published',
    summary: 'The published document: heading, numbered text, reservation footnotes',
    tag: 'adoption',
    params: resolutionParams,
    allowed: 'any role',
  },
  {
    method: 'post',
    path: '/resolutions/{id}/publication',
    summary:
      'Publish the adopted resolution: its reservations become final. Every official language version must be complete and up to date, unless the chair overrides (optional body)',
    tag: 'adoption',
    params: resolutionParams,
    body: publicationBody,
    allowed: 'chair, secretariat',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/audit',
    summary: "The resolution's procedural record (hash-chained)",
    tag: 'audit',
    params: resolutionParams,
    query: auditListQuery,
    allowed: 'any role',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/audit/verify',
    summary: 'Verify the keyed audit chain (HMAC-SHA256); reports the first broken entry',
    tag: 'audit',
    params: resolutionParams,
    allowed: 'any role',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/audit/export',
    summary:
      'The whole audit chain as JSON, for an outside check with the key (README, "Security"); other committees\' entries show only their link and content digest',
    tag: 'audit',
    params: resolutionParams,
    allowed: 'chair, secretariat',
  },
];
