import type { Queryable } from '../../db/client';
import type { ResolutionAccess } from '../../db/queries/access';
import { listVotes, presentVote, type PresentedVote } from '../../db/queries/votes';
import type { Vote } from '../../db/schema';
import { can } from '../../lib/permissions';

export { listVotes, presentVote, type PresentedVote } from '../../db/queries/votes';

/** Who looks at a vote: their role and delegation in the committee, and the resolution's stage. */
export type VoteViewer = Pick<ResolutionAccess, 'actor' | 'committeeId' | 'stage'>;

/**
 * A vote as one viewer sees it (a secret ballot's choices never leave the server), with what
 * they may do with it, decided by can() here so the page and the API say the same.
 */
export async function presentVoteTo(db: Queryable, vote: Vote, { actor, committeeId, stage }: VoteViewer) {
  const presented: PresentedVote = await presentVote(db, vote, { delegationId: actor.delegationId, committeeId });
  const open = presented.status === 'open';
  const recorded = presented.method === 'recorded' || presented.method === 'roll_call';
  return {
    ...presented,
    youCan: {
      cast: open && can(actor, 'vote:cast', { stage, delegationId: actor.delegationId ?? undefined }),
      recordBallots: open && recorded && can(actor, 'vote:record', { stage }),
      close: open && can(actor, 'vote:close', { stage }),
    },
  };
}
export type ListedVote = Awaited<ReturnType<typeof presentVoteTo>>;

/** Every vote held on a resolution, oldest first, as the viewer sees it. */
export async function votesOf(db: Queryable, resolutionId: string, viewer: VoteViewer): Promise<ListedVote[]> {
  return Promise.all((await listVotes(db, resolutionId)).map((v) => presentVoteTo(db, v, viewer)));
}
