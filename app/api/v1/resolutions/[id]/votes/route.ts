import { resolutionForUser } from '@/db/queries/resolutions';
import { listVotes, presentVote } from '@/db/queries/votes';
import { openVote } from '@/db/commands/vote-opener';
import { currentParagraphs } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { endpoint } from '../../../_lib/endpoint';
import { authorize } from '../../../_lib/authorize';
import { resolutionParams } from '../../schema';
import { openVoteBody } from '../../../procedure/schema';

export const GET = endpoint({ params: resolutionParams }, async ({ db, user, params }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  const viewer = { delegationId: access.actor.delegationId, committeeId: access.committeeId };
  const rows = await listVotes(db, resolution.id);
  return { votes: await Promise.all(rows.map((v) => presentVote(db, v, viewer))) };
});

export const POST = endpoint({ params: resolutionParams, body: openVoteBody }, async ({ db, user, params, body }) => {
  const { resolution, access } = await resolutionForUser(db, user.id, params.id);
  authorize(access.actor, 'vote:open', { stage: access.stage }, 'Only the chair opens a vote.');
  const paragraphs = await currentParagraphs(db, resolution.id);
  const vote = await openVote(db, {
    resolution,
    subject: body.subject,
    method: body.method,
    majority: body.majority,
    quorum: body.quorum ?? null,
    weighted: body.weighted,
    actorId: user.id,
    paragraphIds: paragraphs.map((p) => p.id),
  });
  publishProcedureEvent({
    resolutionId: resolution.id,
    type: 'vote.opened',
    data: { voteId: vote.id, method: vote.method, subject: body.subject.kind },
  });
  return presentVote(db, vote, { delegationId: access.actor.delegationId, committeeId: access.committeeId });
});
