import type { Queryable } from '../../db/client';
import { findAmendment } from '../../db/queries/amendments';
import { resolutionForUser } from '../../db/queries/resolutions';
import type { Amendment } from '../../lib/amendments/types';
import { forbidden } from '../../lib/errors';
import { can, type Actor as CommitteeActor, type Subject } from '../../lib/permissions';
import { userIdOf } from '../kernel/use-case';
import type { Actor } from '../kernel/actor';

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
 * officers, not yet to the committee at large. The API, the pages and the CLI all ask here.
 */
export function canSeeDraft(actor: CommitteeActor, amendment: Amendment): boolean {
  return actor.role === 'chair' || can(actor, 'amendment:edit', amendmentSubject(amendment, undefined));
}

/** A resolution as the acting user reaches it: 404 when it is not theirs to see. */
export async function resolutionActing(db: Queryable, actor: Actor, resolutionId: string) {
  const userId = userIdOf(actor);
  const { resolution, access } = await resolutionForUser(db, userId, resolutionId);
  return { userId, resolution, access, committeeActor: access.actor };
}

/**
 * An amendment as one user may reach it: 404 when its resolution is not theirs to see
 * (outsiders learn nothing), 403 for someone else's draft.
 */
export async function amendmentActing(db: Queryable, actor: Actor, amendmentId: string) {
  const userId = userIdOf(actor);
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
