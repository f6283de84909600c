import { newParagraphId } from '../resolution/ids';
import { labelOf } from '../resolution/numbering';
import { isSubordinate, type Paragraph, type ParagraphKind } from '../resolution/types';
import { AmendmentError } from './errors';
import { blockAt } from './paragraph-block';
import { rebaseAmendment } from './rebase';
import { amendmentName, type Amendment, type AnchorPosition, type FallenAmendment } from './types';
import { orderForVoting } from './voting-order';

export { AmendmentError, type AmendmentErrorReason } from './errors';

/**
 * What adopting an amendment does to the text. Pure: returns a new paragraph list, which
 * the caller writes to the live document in one transaction.
 *
 * Paragraph ids are kept wherever the paragraph survives (modify, move), so every other
 * reference (amendments, reservations, comments) still points at the same words, now
 * perhaps under a new number.
 */
export function applyAmendment(
  paragraphs: readonly Paragraph[],
  amendment: Amendment,
  newId: () => string,
): Paragraph[] {
  if (amendment.parentAmendmentId !== null) {
    throw new AmendmentError(
      'invalid_amendment',
      `${amendmentName(amendment)} is a sub-amendment: it changes its parent amendment, not the text (use applySubAmendment)`,
    );
  }
  switch (amendment.kind) {
    case 'modify': {
      const index = targetIndex(paragraphs, amendment);
      const target = paragraphs[index];
      const text = amendedWording(amendment, target.text, labelOf(paragraphs, target.id) ?? 'the paragraph');
      // The marks (runs) described the old wording and cannot be mapped onto new words.
      const { runs: _runs, ...rest } = target;
      return text === target.text ? [...paragraphs] : paragraphs.with(index, { ...rest, text });
    }
    case 'delete': {
      const { start, end } = blockAt(paragraphs, targetIndex(paragraphs, amendment));
      return [...paragraphs.slice(0, start), ...paragraphs.slice(end)];
    }
    case 'insert': {
      const kind = amendment.newKind ?? invalid(amendment, 'the kind of the new paragraph');
      return placeAt(paragraphs, [{ id: newId(), kind, text: amendment.proposedText }], amendment);
    }
    case 'move': {
      const { start, end } = blockAt(paragraphs, targetIndex(paragraphs, amendment));
      const moved = paragraphs.slice(start, end);
      if (moved.some((p) => p.id === amendment.anchorParagraphId)) {
        throw new AmendmentError('invalid_amendment', `${amendmentName(amendment)} moves a paragraph next to itself`);
      }
      return placeAt([...paragraphs.slice(0, start), ...paragraphs.slice(end)], moved, amendment);
    }
  }
}

/** The parent amendment with its proposed text changed as the sub-amendment proposes. */
export function applySubAmendment(parent: Amendment, sub: Amendment): Amendment {
  if (sub.parentAmendmentId !== parent.id) {
    throw new AmendmentError('invalid_amendment', `${amendmentName(sub)} does not amend ${amendmentName(parent)}`);
  }
  return { ...parent, proposedText: amendedWording(sub, parent.proposedText, amendmentName(parent)) };
}

export interface AmendedPreview {
  paragraphs: Paragraph[];
  /** Ids of the amendments applied, in the order they were applied (the voting order). */
  applied: string[];
  /** Those that could not be applied after the ones before them, and why. */
  skipped: FallenAmendment[];
}

/**
 * The text "as it would read" if the chosen amendments were all adopted, applied in voting
 * order. Those that cannot follow the ones before them (their paragraph deleted, the same
 * words already changed) are skipped and reported, as they would fall in the meeting.
 * Sub-amendments change their parent before it is applied; one whose parent is not in the
 * set is skipped.
 */
export function previewAsAmended(
  paragraphs: readonly Paragraph[],
  amendments: readonly Amendment[],
  newId: () => string = newParagraphId,
): AmendedPreview {
  const byId = new Map(amendments.map((a) => [a.id, a]));
  const ordered = new Set(orderForVoting(amendments, paragraphs).map((entry) => entry.amendmentId));
  const result: AmendedPreview = { paragraphs: [...paragraphs], applied: [], skipped: [] };
  const skip = (a: Amendment, reason: string) => result.skipped.push({ amendmentId: a.id, reason });

  for (const a of amendments) if (!ordered.has(a.id)) skip(a, `Its parent amendment is not in the preview`);
  for (const id of ordered) {
    // byId holds each amendment as sub-amended so far.
    const a = byId.get(id)!;
    try {
      if (a.parentAmendmentId === null) result.paragraphs = applyAmendment(result.paragraphs, a, newId);
      else byId.set(a.parentAmendmentId, applySubAmendment(byId.get(a.parentAmendmentId)!, a));
      result.applied.push(a.id);
    } catch (error) {
      if (!(error instanceof AmendmentError)) throw error;
      skip(a, error.message);
    }
  }
  return result;
}

/**
 * The amendment's wording carried onto the text as it reads now: as proposed when nothing
 * changed since it was written, rebased when the change was elsewhere, refused when the
 * same words changed (the committee must see the conflict, never a guessed merge).
 */
function amendedWording(amendment: Amendment, current: string, what: string): string {
  const result = rebaseAmendment({ base: amendment.baseText, proposed: amendment.proposedText, current });
  if (result.status === 'conflict') {
    throw new AmendmentError(
      'rebase_conflict',
      `${what} has changed since ${amendmentName(amendment)} was written, in the words it amends; it must be rebased by hand`,
    );
  }
  return result.status === 'rebased' ? result.proposed : amendment.proposedText;
}

function targetIndex(paragraphs: readonly Paragraph[], amendment: Amendment): number {
  const id = amendment.targetParagraphId ?? invalid(amendment, 'the paragraph it amends');
  return indexOrDeleted(paragraphs, id, amendment);
}

function indexOrDeleted(paragraphs: readonly Paragraph[], id: string, amendment: Amendment): number {
  const index = paragraphs.findIndex((p) => p.id === id);
  if (index < 0) {
    throw new AmendmentError(
      'paragraph_deleted',
      `Paragraph ${id} no longer exists; it was deleted, so ${amendmentName(amendment)} cannot be applied`,
    );
  }
  return index;
}

/**
 * Puts `block` before or after the amendment's anchor. A paragraph that is not itself a
 * sub-paragraph, placed "after OP 8", goes after OP 8's sub-paragraphs: right after OP 8
 * it would take (a), (b) away from OP 8 and letter them under itself.
 */
function placeAt(paragraphs: readonly Paragraph[], block: Paragraph[], amendment: Amendment): Paragraph[] {
  const anchor = indexOrDeleted(
    paragraphs,
    amendment.anchorParagraphId ?? invalid(amendment, 'where the paragraph goes'),
    amendment,
  );
  const position: AnchorPosition = amendment.position ?? invalid(amendment, "'before' or 'after' its anchor");
  let at = anchor;
  if (position === 'after') {
    at = anchor + 1;
    // After the anchor's own block: an operative paragraph's sub-paragraphs, a sub-paragraph's (i), (ii)…
    const under = (kind: ParagraphKind) =>
      block[0].kind === 'operative' || block[0].kind === 'preambular'
        ? isSubordinate(kind)
        : block[0].kind === 'subparagraph' && kind === 'subsubparagraph';
    while (at < paragraphs.length && under(paragraphs[at].kind)) at++;
  }
  return [...paragraphs.slice(0, at), ...block, ...paragraphs.slice(at)];
}

function invalid(amendment: Amendment, missing: string): never {
  throw new AmendmentError(
    'invalid_amendment',
    `${amendmentName(amendment)} (${amendment.kind}) does not say ${missing}`,
  );
}
