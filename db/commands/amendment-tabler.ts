import { and, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../client';
import { amendments } from '../schema';
import { findAmendment, listAmendments, type StoredAmendment } from '../queries/amendments';
import { lockResolution, recordAmendmentAct } from './amendment-history';
import { conflict } from '../../lib/errors';
import { deletedParagraphError } from '../../lib/amendments/drafting';
import { orphanedSubAmendments } from '../../lib/amendments/fall';
import { amendmentName, type AmendmentStatus, type FallenAmendment } from '../../lib/amendments/types';
import type { Paragraph } from '../../lib/resolution/types';

/**
 * Tabling puts an amendment before the committee under the next number ("A/3"); from then
 * on only the procedure changes it: withdrawal by its sponsor, a ruling, a decision.
 */

interface Act {
  committeeId: string;
  resolutionId: string;
  actorId: string;
  amendment: StoredAmendment;
}

/** Formats the deadline the way the refusal states it: "1 April 2010, 14:00 UTC". */
export function formatDeadline(deadline: Date): string {
  const date = deadline.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const time = deadline.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${date}, ${time} UTC`;
}

export async function tableAmendment(
  db: Db,
  props: Act & { paragraphs: readonly Paragraph[]; now?: Date },
): Promise<StoredAmendment> {
  const { amendment } = props;
  if (amendment.status !== 'draft')
    throw conflict('amendment_status', `${amendmentName(amendment)} is already ${amendment.status}.`);
  // A draft written against a paragraph deleted since cannot be tabled: it amends nothing.
  for (const id of [
    amendment.parentAmendmentId === null ? amendment.targetParagraphId : null,
    amendment.anchorParagraphId,
  ]) {
    if (id && !props.paragraphs.some((p) => p.id === id))
      throw deletedParagraphError(id, id === amendment.anchorParagraphId ? 'anchorParagraphId' : 'targetParagraphId');
  }
  await db.transaction(async (tx) => {
    const resolution = await lockResolution(tx, props.resolutionId);
    const now = props.now ?? new Date();
    if (resolution.tablingDeadline && now > resolution.tablingDeadline) {
      throw conflict(
        'tabling_deadline',
        `The tabling deadline passed on ${formatDeadline(resolution.tablingDeadline)}; amendments can no longer be tabled.`,
      );
    }
    if (amendment.parentAmendmentId) {
      const [parent] = await tx
        .select({ status: amendments.status, number: amendments.number })
        .from(amendments)
        .where(eq(amendments.id, amendment.parentAmendmentId));
      if (parent?.status !== 'tabled')
        throw conflict(
          'amendment_status',
          `The amendment this sub-amendment changes is ${parent?.status ?? 'gone'}, no longer tabled.`,
        );
    }
    const [{ last }] = await tx
      .select({ last: max(amendments.number) })
      .from(amendments)
      .where(eq(amendments.resolutionId, props.resolutionId));
    const number = (last ?? 0) + 1;
    const updated = await tx
      .update(amendments)
      .set({ status: 'tabled', number, updatedAt: sql`now()` })
      .where(and(eq(amendments.id, amendment.id), eq(amendments.status, 'draft')))
      .returning({ id: amendments.id });
    if (updated.length === 0) throw conflict('amendment_status', 'The amendment was tabled or withdrawn meanwhile.');
    await recordAmendmentAct(tx, { ...scope(props), action: 'tabled', details: { number: `A/${number}` } });
  });
  return findAmendment(db, amendment.id);
}

/** The sponsor takes a draft or tabled amendment back; its sub-amendments fall with it. */
export async function withdrawAmendment(
  db: Db,
  props: Act & { reason?: string },
): Promise<{ amendment: StoredAmendment; fallen: FallenAmendment[] }> {
  const reason = props.reason?.trim() || null;
  const fallen = await closeAmendment(db, props, ['draft', 'tabled'], 'withdrawn', reason, 'withdrawn');
  return { amendment: await findAmendment(db, props.amendment.id), fallen };
}

/** The chair rules a tabled amendment out of order, with the reason (it is shown with it). */
export async function ruleInadmissible(
  db: Db,
  props: Act & { reason: string },
): Promise<{ amendment: StoredAmendment; fallen: FallenAmendment[] }> {
  const fallen = await closeAmendment(db, props, ['tabled'], 'inadmissible', props.reason.trim(), 'ruled_inadmissible');
  return { amendment: await findAmendment(db, props.amendment.id), fallen };
}

/**
 * Moves an amendment out of play (withdrawn, inadmissible, rejected) in one transaction
 * with the sub-amendments that can no longer be put: they fall, with the reason.
 */
export async function closeAmendment(
  db: Db,
  props: Act,
  from: AmendmentStatus[],
  to: 'withdrawn' | 'inadmissible' | 'rejected',
  reason: string | null,
  action: string,
  details: Record<string, unknown> = {},
): Promise<FallenAmendment[]> {
  const { amendment } = props;
  return db.transaction(async (tx) => {
    await lockResolution(tx, props.resolutionId);
    const updated = await tx
      .update(amendments)
      .set({ status: to, statusReason: reason, updatedAt: sql`now()` })
      .where(and(eq(amendments.id, amendment.id), inArray(amendments.status, from)))
      .returning({ id: amendments.id });
    if (updated.length === 0) {
      const current = await findAmendment(tx, amendment.id);
      throw conflict(
        'amendment_status',
        `${amendmentName(current)} is ${current.status}; it cannot be ${to === 'inadmissible' ? 'ruled inadmissible' : to} now.`,
      );
    }
    await recordAmendmentAct(tx, { ...scope(props), action, details: { ...details, ...(reason ? { reason } : {}) } });
    const fallen = orphanedSubAmendments(await listAmendments(tx, props.resolutionId));
    await markFallen(tx, props, fallen);
    return fallen;
  });
}

export async function markFallen(
  tx: Queryable,
  props: Omit<Act, 'amendment'>,
  fallen: readonly FallenAmendment[],
): Promise<void> {
  for (const f of fallen) {
    await tx
      .update(amendments)
      .set({ status: 'fallen', statusReason: f.reason, updatedAt: sql`now()` })
      .where(eq(amendments.id, f.amendmentId));
    await recordAmendmentAct(tx, {
      committeeId: props.committeeId,
      resolutionId: props.resolutionId,
      actorId: props.actorId,
      amendmentId: f.amendmentId,
      action: 'fallen',
      details: { reason: f.reason },
    });
  }
}

const scope = (a: Act) => ({
  committeeId: a.committeeId,
  resolutionId: a.resolutionId,
  actorId: a.actorId,
  amendmentId: a.amendment.id,
});
