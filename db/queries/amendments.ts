import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../client';
import {
  amendmentCosponsors,
  amendmentEvents,
  amendments,
  delegations,
  users,
  type Amendment as AmendmentRow,
} from '../schema';
import { isUuid } from './access';
import { notFound } from '../../lib/errors';
import type { Amendment } from '../../lib/amendments/types';

/**
 * Amendments as the domain (lib/amendments) sees them, plus what only the database knows:
 * the chair's voting position, who drafted it and when.
 */
export interface StoredAmendment extends Amendment {
  resolutionId: string;
  /** Tabling order as a number (3 for "A/3"); null while a draft. */
  ordinal: number | null;
  votingPosition: number | null;
  /**
   * Co-sponsors invited and not yet accepted (a subset of coSponsorDelegationIds). They may
   * read and co-edit the draft, to decide; only accepted ones are listed or printed.
   */
  invitedCoSponsorDelegationIds: string[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const amendmentNumber = (ordinal: number | null) => (ordinal === null ? null : `A/${ordinal}`);

export function toStoredAmendment(
  row: AmendmentRow,
  coSponsorDelegationIds: string[],
  invitedCoSponsorDelegationIds: string[] = [],
): StoredAmendment {
  return {
    id: row.id,
    resolutionId: row.resolutionId,
    number: amendmentNumber(row.number),
    ordinal: row.number,
    kind: row.kind,
    targetParagraphId: row.targetParagraphId,
    anchorParagraphId: row.anchorParagraphId,
    position: row.position,
    newKind: row.newKind,
    proposedText: row.proposedText,
    baseText: row.baseText,
    baseHash: row.baseHash,
    rationale: row.rationale,
    sponsorDelegationId: row.sponsorDelegationId,
    coSponsorDelegationIds,
    parentAmendmentId: row.parentAmendmentId,
    status: row.status,
    statusReason: row.statusReason,
    votingPosition: row.votingPosition,
    invitedCoSponsorDelegationIds,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function withCoSponsors(db: Queryable, rows: AmendmentRow[]): Promise<StoredAmendment[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(amendmentCosponsors)
    .where(
      inArray(
        amendmentCosponsors.amendmentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(amendmentCosponsors.createdAt));
  return rows.map((r) => {
    const own = links.filter((l) => l.amendmentId === r.id);
    return toStoredAmendment(
      r,
      own.map((l) => l.delegationId),
      own.filter((l) => l.acceptedAt === null).map((l) => l.delegationId),
    );
  });
}

/** Every amendment of a resolution, tabled ones in tabling order, then drafts by age. */
export async function listAmendments(db: Queryable, resolutionId: string): Promise<StoredAmendment[]> {
  const rows = await db
    .select()
    .from(amendments)
    .where(eq(amendments.resolutionId, resolutionId))
    .orderBy(asc(amendments.number), asc(amendments.createdAt));
  return withCoSponsors(db, rows);
}

/** One amendment by id (404 for an unknown or malformed id; access is checked by the caller). */
export async function findAmendment(db: Queryable, id: string): Promise<StoredAmendment> {
  if (!isUuid(id)) throw notFound('amendment');
  const [row] = await db.select().from(amendments).where(eq(amendments.id, id));
  if (!row) throw notFound('amendment');
  return (await withCoSponsors(db, [row]))[0];
}

/** The amendment's own history, oldest first, with the actor's name. */
export async function amendmentHistory(db: Queryable, amendmentId: string) {
  return db
    .select({
      action: amendmentEvents.action,
      details: amendmentEvents.details,
      at: amendmentEvents.at,
      actor: users.name,
    })
    .from(amendmentEvents)
    .leftJoin(users, eq(users.id, amendmentEvents.actorId))
    .where(eq(amendmentEvents.amendmentId, amendmentId))
    .orderBy(asc(amendmentEvents.id));
}

/** Delegation names by id, for a committee (sponsors and co-sponsors are shown by name). */
export async function delegationNames(db: Queryable, committeeId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: delegations.id, name: delegations.name })
    .from(delegations)
    .where(eq(delegations.committeeId, committeeId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether the delegation belongs to the committee (sponsors and co-sponsors must). */
export async function delegationInCommittee(
  db: Queryable,
  committeeId: string,
  delegationId: string,
): Promise<boolean> {
  if (!isUuid(delegationId)) return false;
  const [row] = await db
    .select({ id: delegations.id })
    .from(delegations)
    .where(and(eq(delegations.id, delegationId), eq(delegations.committeeId, committeeId)));
  return !!row;
}

/** When each amendment was tabled (the date its changes carry in the Word compilation). */
export async function tablingTimes(db: Queryable, amendmentIds: string[]): Promise<Map<string, Date>> {
  if (amendmentIds.length === 0) return new Map();
  const rows = await db
    .select({ amendmentId: amendmentEvents.amendmentId, at: amendmentEvents.at })
    .from(amendmentEvents)
    .where(and(inArray(amendmentEvents.amendmentId, amendmentIds), eq(amendmentEvents.action, 'tabled')));
  return new Map(rows.map((r) => [r.amendmentId, r.at]));
}
