import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { amendmentCosponsors, amendments } from '../schema';
import { delegationInCommittee, findAmendment, type StoredAmendment } from '../queries/amendments';
import { recordAmendmentAct } from './amendment-history';
import { conflict, DomainError } from '../../lib/errors';
import { currentBaseOf, prepareDraft, type DraftRequest } from '../../lib/amendments/drafting';
import { hashText } from '../../lib/amendments/hash';
import { amendmentName } from '../../lib/amendments/types';
import type { Paragraph } from '../../lib/resolution/types';

/**
 * Drafting: a delegation writes an amendment (or a sub-amendment), invites co-sponsors,
 * and reworks it against the current text when the paragraph changed under it.
 */

interface Scope {
  committeeId: string;
  resolutionId: string;
  actorId: string;
}

export interface DraftAmendment extends Scope, Omit<DraftRequest, 'parent'> {
  parentAmendmentId?: string | null;
  rationale?: string;
  sponsorDelegationId: string;
  coSponsorDelegationIds?: string[];
  /** The text as it reads now (the live document), to check what the draft points at. */
  paragraphs: readonly Paragraph[];
}

export async function draftAmendment(db: Db, props: DraftAmendment): Promise<StoredAmendment> {
  const parent = props.parentAmendmentId ? await findAmendment(db, props.parentAmendmentId).catch(() => null) : null;
  if (props.parentAmendmentId && (!parent || parent.resolutionId !== props.resolutionId)) {
    throw new DomainError(
      'unprocessable:amendment',
      `No amendment ${props.parentAmendmentId} in this resolution to sub-amend.`,
      [{ path: 'body.parentAmendmentId', message: 'not an amendment of this resolution' }],
    );
  }
  const prepared = prepareDraft({ ...props, parent }, props.paragraphs);
  await checkDelegations(db, props.committeeId, props.sponsorDelegationId, props.coSponsorDelegationIds ?? []);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(amendments)
      .values({
        resolutionId: props.resolutionId,
        ...prepared,
        rationale: props.rationale?.trim() ?? '',
        sponsorDelegationId: props.sponsorDelegationId,
        createdBy: props.actorId,
      })
      .returning({ id: amendments.id });
    const coSponsors = [...new Set(props.coSponsorDelegationIds ?? [])].filter((d) => d !== props.sponsorDelegationId);
    if (coSponsors.length)
      await tx
        .insert(amendmentCosponsors)
        .values(coSponsors.map((delegationId) => ({ amendmentId: row.id, delegationId })));
    await recordAmendmentAct(tx, {
      ...scope(props),
      amendmentId: row.id,
      action: 'drafted',
      details: { kind: prepared.kind, parentAmendmentId: prepared.parentAmendmentId, coSponsors },
    });
    return row.id;
  });
  return findAmendment(db, id);
}

export interface UpdateDraft extends Scope {
  amendment: StoredAmendment;
  proposedText?: string;
  rationale?: string;
  position?: 'before' | 'after';
}

/** Changes a draft's wording or rationale (tabled amendments are fixed: withdraw and table anew). */
export async function updateDraftAmendment(db: Db, props: UpdateDraft): Promise<StoredAmendment> {
  const { amendment } = props;
  if (amendment.status !== 'draft') {
    throw conflict(
      'amendment_status',
      `${amendmentName(amendment)} is ${amendment.status}: only a draft can be edited. Withdraw it and table a new one instead.`,
    );
  }
  const changes: Partial<typeof amendments.$inferInsert> = {};
  if (props.proposedText !== undefined) {
    if (amendment.kind === 'delete' || amendment.kind === 'move') {
      throw new DomainError('unprocessable:amendment', `A ${amendment.kind} amendment proposes no wording.`, [
        { path: 'body.proposedText', message: 'not for this kind' },
      ]);
    }
    if (!props.proposedText.trim())
      throw new DomainError('unprocessable:amendment', 'The proposed text cannot be empty.', [
        { path: 'body.proposedText', message: 'empty' },
      ]);
    changes.proposedText = props.proposedText;
  }
  if (props.rationale !== undefined) changes.rationale = props.rationale.trim();
  if (props.position !== undefined) {
    if (amendment.kind !== 'insert' && amendment.kind !== 'move') {
      throw new DomainError('unprocessable:amendment', 'Only an insertion or a move has a position.', [
        { path: 'body.position', message: 'not for this kind' },
      ]);
    }
    changes.position = props.position;
  }
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(amendments)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(amendments.id, amendment.id), eq(amendments.status, 'draft')))
      .returning({ id: amendments.id });
    if (updated.length === 0)
      throw conflict('amendment_status', 'The amendment was tabled or withdrawn meanwhile; reload it.');
    await recordAmendmentAct(tx, {
      ...scope(props),
      amendmentId: amendment.id,
      action: 'edited',
      details: { fields: Object.keys(changes) },
    });
  });
  return findAmendment(db, amendment.id);
}

/**
 * The sponsor's answer to a stale amendment whose change overlaps the paragraph's: the
 * wording written again against the paragraph as it reads now, which becomes the new base.
 */
export async function rewriteAgainstCurrentText(
  db: Db,
  props: Scope & {
    amendment: StoredAmendment;
    proposedText: string;
    paragraphs: readonly Paragraph[];
    parent: StoredAmendment | null;
  },
): Promise<StoredAmendment> {
  const { amendment } = props;
  if (amendment.status !== 'draft' && amendment.status !== 'tabled') {
    throw conflict(
      'amendment_status',
      `${amendmentName(amendment)} is ${amendment.status}: there is nothing left to rework.`,
    );
  }
  if (amendment.kind !== 'modify') {
    throw new DomainError(
      'unprocessable:amendment',
      `Only an amendment to the wording can be rewritten; ${amendmentName(amendment)} is a ${amendment.kind}.`,
    );
  }
  const current = currentBaseOf(amendment, props.paragraphs, props.parent);
  if (current === null)
    throw conflict(
      'paragraph_deleted',
      `The paragraph ${amendmentName(amendment)} amends has been deleted; it can no longer be rewritten.`,
    );
  if (amendment.status === 'tabled' && current === amendment.baseText) {
    // Tabled wording is fixed: it is rewritten only to follow a change of its paragraph.
    throw conflict(
      'amendment_status',
      `${amendmentName(amendment)} is tabled and its paragraph has not changed since: there is nothing to rewrite. Withdraw it and table a new one to change it.`,
    );
  }
  if (!props.proposedText.trim() || props.proposedText === current) {
    throw new DomainError('unprocessable:amendment', 'The rewritten text must change the current wording.', [
      { path: 'body.proposedText', message: 'no change' },
    ]);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(amendments)
      .set({ proposedText: props.proposedText, baseText: current, baseHash: hashText(current), updatedAt: sql`now()` })
      .where(eq(amendments.id, amendment.id));
    await recordAmendmentAct(tx, {
      ...scope(props),
      amendmentId: amendment.id,
      action: 'rewritten',
      details: { previousBaseHash: amendment.baseHash, baseHash: hashText(current) },
    });
  });
  return findAmendment(db, amendment.id);
}

/** Invites another delegation to co-sponsor: its members may then co-edit the draft. */
export async function inviteCoSponsor(
  db: Db,
  props: Scope & { amendment: StoredAmendment; delegationId: string },
): Promise<StoredAmendment> {
  const { amendment, delegationId } = props;
  if (amendment.status !== 'draft' && amendment.status !== 'tabled') {
    throw conflict(
      'amendment_status',
      `${amendmentName(amendment)} is ${amendment.status}: co-sponsors can no longer join.`,
    );
  }
  await checkDelegations(db, props.committeeId, amendment.sponsorDelegationId, [delegationId]);
  if (delegationId === amendment.sponsorDelegationId)
    throw conflict('cosponsor', 'The sponsoring delegation cannot also co-sponsor its own amendment.');
  if (amendment.coSponsorDelegationIds.includes(delegationId)) return amendment;
  await db.transaction(async (tx) => {
    await tx.insert(amendmentCosponsors).values({ amendmentId: amendment.id, delegationId }).onConflictDoNothing();
    await recordAmendmentAct(tx, {
      ...scope(props),
      amendmentId: amendment.id,
      action: 'cosponsor_invited',
      details: { delegationId },
    });
  });
  return findAmendment(db, amendment.id);
}

/**
 * Drops a co-sponsor (the sponsor's decision, or the co-sponsor leaving). Its members stop
 * seeing the draft and, if they were editing it, are disconnected from it.
 */
export async function removeCoSponsor(
  db: Db,
  props: Scope & { amendment: StoredAmendment; delegationId: string },
): Promise<StoredAmendment> {
  const { amendment, delegationId } = props;
  if (amendment.status !== 'draft' && amendment.status !== 'tabled') {
    throw conflict(
      'amendment_status',
      `${amendmentName(amendment)} is ${amendment.status}: its co-sponsors are part of the record.`,
    );
  }
  if (!amendment.coSponsorDelegationIds.includes(delegationId)) {
    throw new DomainError('not_found:cosponsor', `That delegation does not co-sponsor ${amendmentName(amendment)}.`, [
      { path: 'params.delegationId', message: 'not a co-sponsor' },
    ]);
  }
  await db.transaction(async (tx) => {
    await tx
      .delete(amendmentCosponsors)
      .where(
        and(eq(amendmentCosponsors.amendmentId, amendment.id), eq(amendmentCosponsors.delegationId, delegationId)),
      );
    await recordAmendmentAct(tx, {
      ...scope(props),
      amendmentId: amendment.id,
      action: 'cosponsor_removed',
      details: { delegationId },
    });
  });
  return findAmendment(db, amendment.id);
}

/**
 * The invited delegation's answer, given by one of its members: accepted, it is listed and
 * printed as a co-sponsor; declined, the invitation is gone (and with it its access).
 */
export async function answerCoSponsorship(
  db: Db,
  props: Scope & { amendment: StoredAmendment; delegationId: string; accept: boolean },
): Promise<StoredAmendment> {
  const { amendment, delegationId, accept } = props;
  if (!amendment.invitedCoSponsorDelegationIds.includes(delegationId)) {
    throw new DomainError(
      'not_found:invitation',
      `Your delegation has no open invitation to co-sponsor ${amendmentName(amendment)}.`,
    );
  }
  if (amendment.status !== 'draft' && amendment.status !== 'tabled') {
    throw conflict(
      'amendment_status',
      `${amendmentName(amendment)} is ${amendment.status}: co-sponsors can no longer join.`,
    );
  }
  await db.transaction(async (tx) => {
    const link = and(
      eq(amendmentCosponsors.amendmentId, amendment.id),
      eq(amendmentCosponsors.delegationId, delegationId),
    );
    const changed = accept
      ? await tx
          .update(amendmentCosponsors)
          .set({ acceptedAt: sql`now()` })
          .where(and(link, isNull(amendmentCosponsors.acceptedAt)))
          .returning({ id: amendmentCosponsors.delegationId })
      : await tx
          .delete(amendmentCosponsors)
          .where(and(link, isNull(amendmentCosponsors.acceptedAt)))
          .returning({ id: amendmentCosponsors.delegationId });
    if (changed.length === 0) throw conflict('invitation', 'The invitation was answered or withdrawn meanwhile.');
    await recordAmendmentAct(tx, {
      ...scope(props),
      amendmentId: amendment.id,
      action: accept ? 'cosponsor_accepted' : 'cosponsor_declined',
      details: { delegationId },
    });
  });
  return findAmendment(db, amendment.id);
}

async function checkDelegations(db: Db, committeeId: string, sponsor: string, coSponsors: readonly string[]) {
  if (!(await delegationInCommittee(db, committeeId, sponsor))) {
    throw new DomainError(
      'unprocessable:delegation',
      'The sponsoring delegation is not a delegation of this committee.',
      [{ path: 'body.sponsorDelegationId', message: 'unknown delegation' }],
    );
  }
  for (const [i, id] of coSponsors.entries()) {
    if (!(await delegationInCommittee(db, committeeId, id))) {
      throw new DomainError('unprocessable:delegation', `Co-sponsor ${id} is not a delegation of this committee.`, [
        { path: `body.coSponsorDelegationIds.${i}`, message: 'unknown delegation' },
      ]);
    }
  }
}

const scope = (s: Scope) => ({ committeeId: s.committeeId, resolutionId: s.resolutionId, actorId: s.actorId });
