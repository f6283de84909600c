import type { Db } from '@/db/client';
import { findAmendment, type StoredAmendment } from '@/db/queries/amendments';
import { resolutionForUser } from '@/db/queries/resolutions';
import { can, type Actor, type Subject } from '@/lib/permissions';
import type { Amendment } from '@/lib/amendments/types';
import { forbidden } from '@/lib/errors';

/** What `can()` needs to know about an amendment: the stage and who sponsors it. */
export function amendmentSubject(amendment: Amendment, stage: Subject['stage']): Subject {
  return {
    stage,
    delegationId: amendment.sponsorDelegationId,
    coSponsorDelegationIds: amendment.coSponsorDelegationIds,
  };
}

/**
 * A draft is its delegations' work in progress: visible to them and to the presiding
 * officers, not yet to the committee at large.
 */
export function canSeeDraft(actor: Actor, amendment: Amendment): boolean {
  return actor.role === 'chair' || can(actor, 'amendment:edit', amendmentSubject(amendment, undefined));
}

/**
 * An amendment as one user may reach it: 404 when its resolution is not theirs to see
 * (outsiders learn nothing), 403 for someone else's draft.
 */
export async function amendmentForUser(db: Db, userId: string, amendmentId: string) {
  const amendment = await findAmendment(db, amendmentId);
  const { resolution, access } = await resolutionForUser(db, userId, amendment.resolutionId);
  if (amendment.status === 'draft' && !canSeeDraft(access.actor, amendment)) {
    throw forbidden(
      'amendment',
      'This amendment is still a draft: only its sponsoring delegations and the presiding officers see it.',
    );
  }
  const scope = { committeeId: resolution.committeeId, resolutionId: resolution.id, actorId: userId, amendment };
  return { amendment, resolution, access, scope, subject: amendmentSubject(amendment, access.stage) };
}

export type AmendmentAccess = Awaited<ReturnType<typeof amendmentForUser>>;
export type { StoredAmendment };
