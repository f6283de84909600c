import { z } from 'zod';
import { freeText } from '@/lib/text/free-text';
import { AMENDMENT_STATUSES } from '@/lib/amendments/types';
import { resolutionParams } from '../resolutions/schema';
import { listWithYouCan, type Operation } from '../_lib/openapi';

export const amendmentParams = z.object({ amendmentId: z.uuid().meta({ description: 'Amendment id' }) });

const paragraphId = freeText()
  .trim()
  .min(1)
  .max(100)
  .meta({ description: 'Stable paragraph id (from GET /resolutions/{id}/text)' });
const wording = freeText().max(20_000, 'The text is longer than the limit of 20,000 characters.');
const rationale = freeText().max(5_000, 'The rationale is longer than the limit of 5,000 characters.');
const position = z.enum(['before', 'after']);
const common = {
  rationale: rationale.optional(),
  sponsorDelegationId: z.uuid().optional().meta({
    description: "Required for the chair and secretariat; a member's amendment is always their own delegation's",
  }),
  coSponsorDelegationIds: z.array(z.uuid()).max(50).optional(),
};

export const draftBody = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('modify'),
      targetParagraphId: paragraphId.optional(),
      parentAmendmentId: z.uuid().optional().meta({
        description: 'Makes it a sub-amendment: proposedText is then the parent’s proposed text as sub-amended',
      }),
      proposedText: wording.meta({ description: 'The whole paragraph as amended' }),
      ...common,
    })
    .refine(
      (b) => (b.targetParagraphId === undefined) !== (b.parentAmendmentId === undefined),
      'Give either targetParagraphId (an amendment) or parentAmendmentId (a sub-amendment).',
    ),
  z.strictObject({ kind: z.literal('delete'), targetParagraphId: paragraphId, ...common }),
  z.strictObject({
    kind: z.literal('insert'),
    anchorParagraphId: paragraphId,
    position,
    newKind: z.enum(['preambular', 'operative', 'subparagraph']),
    proposedText: wording,
    ...common,
  }),
  z.strictObject({
    kind: z.literal('move'),
    targetParagraphId: paragraphId,
    anchorParagraphId: paragraphId,
    position,
    ...common,
  }),
]);

export const updateDraftBody = z
  .strictObject({ proposedText: wording.optional(), rationale: rationale.optional(), position: position.optional() })
  .refine((b) => Object.keys(b).length > 0, 'Change at least one of proposedText, rationale, position.');

export const rewriteBody = z.strictObject({
  proposedText: wording.meta({ description: 'The amendment written again against the paragraph as it reads now' }),
});
export const coSponsorBody = z.strictObject({ delegationId: z.uuid() });
export const coSponsorshipAnswerBody = z.strictObject({
  answer: z.enum(['accept', 'decline']).meta({ description: 'Your delegation’s answer to its invitation' }),
});
export const coSponsorParams = amendmentParams.extend({
  delegationId: z.uuid().meta({ description: 'The co-sponsoring delegation' }),
});
export const withdrawBody = z.strictObject({ reason: freeText().max(1000).optional() });
export const rulingBody = z.strictObject({
  reason: freeText().trim().min(3, 'Give the reason for the ruling.').max(2000),
});
export const decisionBody = z.strictObject({
  outcome: z.enum(['adopted', 'rejected']),
  method: z.enum(['consensus', 'vote']).default('consensus'),
  voteId: z.uuid().optional().meta({ description: 'The closed vote on this amendment, when decided by vote' }),
});

export const deadlineBody = z.strictObject({
  deadline: z.iso
    .datetime({ offset: true, message: 'Give the deadline as an ISO date-time, e.g. 2026-04-01T14:00:00Z.' })
    .nullable()
    .meta({ description: 'null removes the deadline' }),
});
export const votingOrderBody = z.strictObject({
  order: z
    .array(z.uuid())
    .max(1000)
    .nullable()
    .meta({ description: 'Every tabled amendment id once, in voting order; null returns to the suggested order' }),
});

export const compilationQuery = z.object({
  status: z.enum(AMENDMENT_STATUSES as [string, ...string[]]).optional(),
  delegation: z.uuid().optional().meta({ description: 'Sponsor or co-sponsor delegation id' }),
  paragraph: freeText().max(100).optional().meta({ description: 'Stable paragraph id' }),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/)
    .optional()
    .meta({
      description:
        'A language version ("fr"): each amendment also carries `translation` — its proposed text in that language, with translationStatus as for paragraphs (missing, up_to_date, needs_translation, the last with originalChange as a redline)',
    }),
});
export const previewQuery = z.object({
  ids: z
    .string()
    .max(40_000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.uuid('Each id must be an amendment id (uuid).')).max(500))
    .meta({ description: 'Comma-separated amendment ids' }),
});
export const exportQuery = z.object({ format: z.enum(['docx', 'html', 'pdf']).default('html') });

const allRoles = 'any role';
export const amendmentOperations: Operation[] = [
  {
    method: 'get',
    path: '/resolutions/{id}/amendments',
    summary:
      'The compilation: every amendment with its redline against the current text, stale flag and voting-order place; filter by status, delegation, paragraph (drafts only for their sponsors and the presiding officers); ?lang=fr: each with its proposed text in that language version and its translationStatus',
    tag: 'amendments',
    params: resolutionParams,
    query: compilationQuery,
    allowed: allRoles,
    response: listWithYouCan('amendments', {
      edit: 'edit the draft',
      rewrite: 'rewrite a stale amendment against the current text',
      table: 'table the draft',
      withdraw: 'withdraw it',
      rule: 'rule it inadmissible (chair)',
      answerCoSponsorship: "accept or decline your delegation's invitation to co-sponsor",
      decide: 'adopt or reject it (presiding officers)',
      subAmend: 'propose a sub-amendment',
      inviteCoSponsor: 'invite a delegation to co-sponsor',
      removeCoSponsor: z
        .array(z.uuid())
        .meta({ description: 'the co-sponsoring or invited delegations you may take off (yours, or any as sponsor)' }),
    }),
  },
  {
    method: 'post',
    path: '/resolutions/{id}/amendments',
    summary: 'Draft an amendment (modify, insert, delete, move) or a sub-amendment',
    tag: 'amendments',
    params: resolutionParams,
    body: draftBody,
    allowed: 'members (for their delegation), chair and secretariat (for a named delegation)',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/amendments/preview',
    summary:
      'The text as it would read if the chosen amendments were adopted (in voting order; those that would fall are listed)',
    tag: 'amendments',
    params: resolutionParams,
    query: previewQuery,
    allowed: allRoles,
  },
  {
    method: 'get',
    path: '/resolutions/{id}/amendments/voting-order',
    summary: 'The voting order: suggested (furthest removed first) or set by the chair, each place with its reason',
    tag: 'amendments',
    params: resolutionParams,
    allowed: allRoles,
  },
  {
    method: 'put',
    path: '/resolutions/{id}/amendments/voting-order',
    summary: 'Set the voting order (recorded)',
    tag: 'amendments',
    params: resolutionParams,
    body: votingOrderBody,
    allowed: 'chair',
  },
  {
    method: 'put',
    path: '/resolutions/{id}/amendments/deadline',
    summary: 'Set or clear the tabling deadline',
    tag: 'amendments',
    params: resolutionParams,
    body: deadlineBody,
    allowed: 'chair, secretariat',
  },
  {
    method: 'get',
    path: '/resolutions/{id}/amendments/export',
    summary:
      'The compilation of tabled amendments as DOCX (real Word tracked changes, authored by the sponsor), HTML or PDF',
    tag: 'amendments',
    params: resolutionParams,
    query: exportQuery,
    produces: 'application/octet-stream',
    allowed: allRoles,
  },
  {
    method: 'get',
    path: '/amendments/{amendmentId}',
    summary: 'One amendment with its redline and history',
    tag: 'amendments',
    params: amendmentParams,
    allowed: 'any role (a draft: its sponsors and the presiding officers)',
  },
  {
    method: 'patch',
    path: '/amendments/{amendmentId}',
    summary: 'Edit a draft amendment',
    tag: 'amendments',
    params: amendmentParams,
    body: updateDraftBody,
    allowed: 'members of the sponsoring or a co-sponsoring delegation, secretariat',
  },
  {
    method: 'post',
    path: '/amendments/{amendmentId}/cosponsors',
    summary: 'Invite a delegation to co-sponsor (its members can then co-edit the draft)',
    tag: 'amendments',
    params: amendmentParams,
    body: coSponsorBody,
    allowed: 'members of the sponsoring or a co-sponsoring delegation, secretariat',
  },
  {
    method: 'post',
    path: '/amendments/{amendmentId}/cosponsorship',
    summary:
      'Accept or decline your delegation’s invitation to co-sponsor: only accepted co-sponsors are listed and printed',
    tag: 'amendments',
    params: amendmentParams,
    body: coSponsorshipAnswerBody,
    allowed: 'members of the invited delegation',
  },
  {
    method: 'delete',
    path: '/amendments/{amendmentId}/cosponsors/{delegationId}',
    summary: 'Remove a co-sponsor (the sponsor), or withdraw one’s own co-sponsorship (the co-sponsor)',
    tag: 'amendments',
    params: coSponsorParams,
    allowed: 'members of the sponsoring delegation, members of that co-sponsoring delegation, secretariat',
  },
  {
    method: 'post',
    path: '/amendments/{amendmentId}/rewrite',
    summary: 'Rewrite a stale amendment against the paragraph as it reads now',
    tag: 'amendments',
    params: amendmentParams,
    body: rewriteBody,
    allowed: 'members of the sponsoring or a co-sponsoring delegation, secretariat',
  },
  {
    method: 'post',
    path: '/amendments/{amendmentId}/table',
    summary: 'Table a draft: it gets the next number (A/n); refused after the tabling deadline',
    tag: 'amendments',
    params: amendmentParams,
    allowed: 'sponsors, secretariat; at the amendments stage',
  },
  {
    method: 'post',
    path: '/amendments/{amendmentId}/withdraw',
    summary: 'Withdraw an amendment (its sub-amendments fall)',
    tag: 'amendments',
    params: amendmentParams,
    body: withdrawBody,
    allowed: 'members of the sponsoring delegation',
  },
  {
    method: 'post',
    path: '/amendments/{amendmentId}/ruling',
    summary: 'Rule a tabled amendment inadmissible, with the reason',
    tag: 'amendments',
    params: amendmentParams,
    body: rulingBody,
    allowed: 'chair',
  },
  {
    method: 'post',
    path: '/amendments/{amendmentId}/decision',
    summary:
      'Record the decision: adopted (applied to the live text; incompatible amendments fall, compatible ones are rebased) or rejected',
    tag: 'amendments',
    params: amendmentParams,
    body: decisionBody,
    allowed: 'chair, secretariat',
  },
];
