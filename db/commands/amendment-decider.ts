import { and, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../client';
import { amendments, votes } from '../schema';
import { findAmendment, listAmendments, type StoredAmendment } from '../queries/amendments';
import { lockResolution, recordAmendmentAct } from './amendment-history';
import { closeAmendment, markFallen } from './amendment-tabler';
import { conflict, DomainError } from '../../lib/errors';
import { applyAmendment, applySubAmendment } from '../../lib/amendments/apply';
import { amendmentsMadeImpossible } from '../../lib/amendments/fall';
import { hashText } from '../../lib/amendments/hash';
import { rebaseAmendment } from '../../lib/amendments/rebase';
import { amendmentName, type FallenAmendment } from '../../lib/amendments/types';
import { newParagraphId } from '../../lib/resolution/ids';
import type { Paragraph } from '../../lib/resolution/types';

/**
 * The committee's decision on a tabled amendment. Rejecting it only closes it (and its
 * sub-amendments fall). Adopting it, in one transaction: marks it adopted, makes fall the
 * amendments it makes impossible (with the reason), and carries the compatible ones onto
 * the new wording (three-way rebase) — those whose words the adoption touched stay stale,
 * for their sponsor to rewrite. The new text is returned, not written: the text lives in
 * the live document, which the caller changes once this has committed
 * (server/amendment-adoption.ts), undoing this with `revertDecision` if that fails.
 */

export type DecisionMethod = 'consensus' | 'vote';

export interface Decision {
  committeeId: string;
  resolutionId: string;
  actorId: string;
  amendment: StoredAmendment;
  outcome: 'adopted' | 'rejected';
  method: DecisionMethod;
  voteId?: string | null;
  /** The text as it reads now. */
  paragraphs: readonly Paragraph[];
  newId?: () => string;
}

export interface DecisionResult {
  amendment: StoredAmendment;
  fallen: FallenAmendment[];
  /** Amendments carried onto the new wording automatically. */
  rebased: string[];
  /** The text after adoption; null when the text does not change (rejection, sub-amendment). */
  paragraphs: Paragraph[] | null;
  /** The rows as they were, to undo the decision if the text cannot be changed. */
  before: StoredAmendment[];
}

export async function recordDecision(db: Db, decision: Decision): Promise<DecisionResult> {
  const { amendment } = decision;
  if (decision.voteId) await checkVote(db, decision);
  const details = { method: decision.method, ...(decision.voteId ? { voteId: decision.voteId } : {}) };
  if (decision.outcome === 'rejected') {
    const before = await listAmendments(db, decision.resolutionId);
    const fallen = await closeAmendment(
      db,
      decision,
      ['tabled'],
      'rejected',
      rejectionReason(decision.method),
      'rejected',
      details,
    );
    return { amendment: await findAmendment(db, amendment.id), fallen, rebased: [], paragraphs: null, before };
  }

  return db.transaction(async (tx) => {
    await lockResolution(tx, decision.resolutionId);
    const all = await listAmendments(tx, decision.resolutionId);
    const current = all.find((a) => a.id === amendment.id)!;
    if (current.status !== 'tabled')
      throw conflict(
        'amendment_status',
        `${amendmentName(current)} is ${current.status}, not tabled: it cannot be adopted.`,
      );

    const fallen = amendmentsMadeImpossible(current, all, decision.paragraphs);
    const falls = new Set(fallen.map((f) => f.amendmentId));
    const stillTabled = all.filter((a) => a.status === 'tabled' && a.id !== current.id && !falls.has(a.id));
    let paragraphs: Paragraph[] | null = null;
    const newWording = new Map<string, string>(); // amendment id → its proposed text, changed
    if (current.parentAmendmentId !== null) {
      const parent = all.find((a) => a.id === current.parentAmendmentId)!;
      newWording.set(parent.id, applySubAmendment(parent, current).proposedText);
    } else {
      // Throws (nothing stored) when the paragraph is gone or changed in the same words.
      paragraphs = applyAmendment(decision.paragraphs, current, decision.newId ?? newParagraphId);
    }

    await tx
      .update(amendments)
      .set({ status: 'adopted', statusReason: adoptionReason(decision.method), updatedAt: sql`now()` })
      .where(eq(amendments.id, current.id));
    await recordAmendmentAct(tx, { ...scope(decision), amendmentId: current.id, action: 'adopted', details });
    await markFallen(tx, decision, fallen);
    for (const [id, proposedText] of newWording) {
      await tx.update(amendments).set({ proposedText, updatedAt: sql`now()` }).where(eq(amendments.id, id));
      await recordAmendmentAct(tx, {
        ...scope(decision),
        amendmentId: id,
        action: 'sub_amended',
        details: { by: current.number },
      });
    }
    const rebased = await carryOnto(tx, decision, stillTabled, paragraphs, newWording, current);
    return { amendment: await findAmendment(tx, current.id), fallen, rebased, paragraphs, before: all };
  });
}

/**
 * Rebases every amendment still in play whose base changed: a paragraph's wording (after a
 * modify), or a parent's proposed text (after a sub-amendment, or a parent's own rebase).
 * Deletions and moves only take the new wording as their base. Conflicts stay as they are.
 */
async function carryOnto(
  tx: Queryable,
  decision: Decision,
  candidates: readonly StoredAmendment[],
  paragraphs: readonly Paragraph[] | null,
  newWording: Map<string, string>,
  adopted: StoredAmendment,
): Promise<string[]> {
  const rebased: string[] = [];
  const textOf = (id: string | null) => paragraphs?.find((p) => p.id === id)?.text;
  const ordered = [...candidates].sort(
    (a, b) => Number(a.parentAmendmentId !== null) - Number(b.parentAmendmentId !== null),
  );
  for (const a of ordered) {
    const base =
      a.parentAmendmentId !== null
        ? newWording.get(a.parentAmendmentId)
        : a.kind === 'insert'
          ? undefined
          : textOf(a.targetParagraphId);
    if (base === undefined || base === a.baseText) continue;
    let proposedText = a.proposedText;
    if (a.kind === 'modify') {
      const result = rebaseAmendment({ base: a.baseText, proposed: a.proposedText, current: base });
      if (result.status === 'conflict') continue;
      if (result.status === 'rebased') proposedText = result.proposed;
    }
    await tx
      .update(amendments)
      .set({ baseText: base, baseHash: hashText(base), proposedText, updatedAt: sql`now()` })
      .where(eq(amendments.id, a.id));
    await recordAmendmentAct(tx, {
      ...scope(decision),
      amendmentId: a.id,
      action: 'rebased',
      details: { after: adopted.number, automatic: true },
    });
    if (a.parentAmendmentId === null && proposedText !== a.proposedText) newWording.set(a.id, proposedText);
    rebased.push(a.id);
  }
  return rebased;
}

/** Puts the rows back as they were before a decision whose text change could not be made. */
export async function revertDecision(
  db: Db,
  decision: Omit<Decision, 'outcome' | 'method' | 'paragraphs'>,
  before: readonly StoredAmendment[],
  cause: string,
) {
  await db.transaction(async (tx) => {
    for (const a of before) {
      await tx
        .update(amendments)
        .set({
          status: a.status,
          statusReason: a.statusReason,
          proposedText: a.proposedText,
          baseText: a.baseText,
          baseHash: a.baseHash,
          updatedAt: sql`now()`,
        })
        .where(eq(amendments.id, a.id));
    }
    await recordAmendmentAct(tx, {
      ...scope(decision),
      amendmentId: decision.amendment.id,
      action: 'decision_reverted',
      details: { cause },
    });
  });
}

async function checkVote(db: Db, decision: Decision) {
  const [vote] = await db
    .select()
    .from(votes)
    .where(and(eq(votes.id, decision.voteId!), eq(votes.resolutionId, decision.resolutionId)));
  if (!vote || vote.amendmentId !== decision.amendment.id) {
    throw new DomainError(
      'unprocessable:vote',
      `Vote ${decision.voteId} is not a vote on ${amendmentName(decision.amendment)}.`,
      [{ path: 'body.voteId', message: 'not a vote on this amendment' }],
    );
  }
  if (vote.status !== 'closed')
    throw conflict('vote_open', 'That vote is still open: close it before recording the decision.');
}

const adoptionReason = (method: DecisionMethod) =>
  method === 'consensus' ? 'Adopted by consensus' : 'Adopted by vote';
const rejectionReason = (method: DecisionMethod) => (method === 'consensus' ? 'Rejected' : 'Rejected by vote');
const scope = (d: { committeeId: string; resolutionId: string; actorId: string }) => ({
  committeeId: d.committeeId,
  resolutionId: d.resolutionId,
  actorId: d.actorId,
});
