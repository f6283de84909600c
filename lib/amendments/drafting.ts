import { DomainError } from '../errors';
import { labelOf } from '../resolution/numbering';
import type { Paragraph, ParagraphKind } from '../resolution/types';
import { blockIds } from './paragraph-block';
import { hashText } from './hash';
import { amendmentName, type Amendment, type AmendmentKind, type AnchorPosition } from './types';

/**
 * What a new amendment points at, checked against the text as it reads now, and the text
 * it is written against (its base). Every paragraph is named by stable id; an id that is
 * not in the text any more is a deleted paragraph, and a deleted paragraph cannot be
 * amended. A moved paragraph keeps its id, so amendments follow it.
 */
export interface DraftRequest {
  kind: AmendmentKind;
  targetParagraphId?: string | null;
  anchorParagraphId?: string | null;
  position?: AnchorPosition | null;
  newKind?: ParagraphKind | null;
  proposedText?: string;
  /** Set for a sub-amendment: the tabled amendment whose proposed text it changes. */
  parent?: Amendment | null;
}

/** The stored shape of a new draft: the amendment's own fields, before it has an id or a sponsor. */
export type PreparedDraft = Pick<
  Amendment,
  | 'kind'
  | 'targetParagraphId'
  | 'anchorParagraphId'
  | 'position'
  | 'newKind'
  | 'proposedText'
  | 'baseText'
  | 'baseHash'
  | 'parentAmendmentId'
>;

const unprocessable = (subject: string, message: string, path: string) =>
  new DomainError(`unprocessable:${subject}`, message, [{ path, message }]);

export function deletedParagraphError(id: string, path = 'body.targetParagraphId'): DomainError {
  return new DomainError(
    'conflict:paragraph_deleted',
    `Paragraph ${id} is not in the current text: it has been deleted, so it can no longer be amended.`,
    [{ path, message: 'this paragraph has been deleted' }],
  );
}

function existing(paragraphs: readonly Paragraph[], id: string | null | undefined, path: string): Paragraph {
  if (!id) throw unprocessable('amendment', `Say which paragraph (${path.replace('body.', '')}).`, path);
  const found = paragraphs.find((p) => p.id === id);
  if (!found) throw deletedParagraphError(id, path);
  return found;
}

export function prepareDraft(request: DraftRequest, paragraphs: readonly Paragraph[]): PreparedDraft {
  const proposed = request.proposedText ?? '';
  if (request.parent) return prepareSubAmendment(request, request.parent, proposed);
  const empty = { anchorParagraphId: null, position: null, newKind: null, parentAmendmentId: null };
  switch (request.kind) {
    case 'modify': {
      const target = existing(paragraphs, request.targetParagraphId, 'body.targetParagraphId');
      if (!proposed.trim())
        throw unprocessable('amendment', 'Give the paragraph as amended (proposedText).', 'body.proposedText');
      if (proposed === target.text)
        throw unprocessable(
          'amendment',
          'The proposed text is the same as the paragraph: nothing would change.',
          'body.proposedText',
        );
      return { ...empty, kind: 'modify', targetParagraphId: target.id, proposedText: proposed, ...base(target.text) };
    }
    case 'delete': {
      const target = existing(paragraphs, request.targetParagraphId, 'body.targetParagraphId');
      return { ...empty, kind: 'delete', targetParagraphId: target.id, proposedText: '', ...base(target.text) };
    }
    case 'insert': {
      const anchor = existing(paragraphs, request.anchorParagraphId, 'body.anchorParagraphId');
      if (!request.position)
        throw unprocessable(
          'amendment',
          "Say whether the new paragraph goes 'before' or 'after' the anchor (position).",
          'body.position',
        );
      if (!request.newKind)
        throw unprocessable(
          'amendment',
          'Say whether the new paragraph is preambular, operative or a sub-paragraph (newKind).',
          'body.newKind',
        );
      if (!proposed.trim())
        throw unprocessable('amendment', 'Give the text of the new paragraph (proposedText).', 'body.proposedText');
      return {
        ...empty,
        kind: 'insert',
        targetParagraphId: null,
        anchorParagraphId: anchor.id,
        position: request.position,
        newKind: request.newKind,
        proposedText: proposed,
        ...base(''),
      };
    }
    case 'move': {
      const target = existing(paragraphs, request.targetParagraphId, 'body.targetParagraphId');
      const anchor = existing(paragraphs, request.anchorParagraphId, 'body.anchorParagraphId');
      if (!request.position)
        throw unprocessable(
          'amendment',
          "Say whether the paragraph goes 'before' or 'after' the anchor (position).",
          'body.position',
        );
      if (blockIds(paragraphs, target.id).includes(anchor.id)) {
        throw unprocessable(
          'amendment',
          `${labelOf(paragraphs, target.id)} cannot be moved next to itself or its own sub-paragraphs.`,
          'body.anchorParagraphId',
        );
      }
      return {
        ...empty,
        kind: 'move',
        targetParagraphId: target.id,
        anchorParagraphId: anchor.id,
        position: request.position,
        proposedText: '',
        ...base(target.text),
      };
    }
  }
}

/** A sub-amendment changes the parent's proposed text: it is a 'modify' of that text. */
function prepareSubAmendment(request: DraftRequest, parent: Amendment, proposed: string): PreparedDraft {
  if (parent.parentAmendmentId !== null) {
    throw unprocessable(
      'amendment',
      `${amendmentName(parent)} is itself a sub-amendment; amend the amendment it changes instead.`,
      'body.parentAmendmentId',
    );
  }
  if (parent.status !== 'tabled') {
    throw new DomainError(
      'conflict:amendment_status',
      `${amendmentName(parent)} is ${parent.status}, not tabled: only a tabled amendment can be sub-amended.`,
    );
  }
  if (parent.kind !== 'modify' && parent.kind !== 'insert') {
    throw unprocessable(
      'amendment',
      `${amendmentName(parent)} ${parent.kind === 'delete' ? 'deletes' : 'moves'} a paragraph and proposes no wording to amend.`,
      'body.parentAmendmentId',
    );
  }
  if (request.kind !== 'modify')
    throw unprocessable(
      'amendment',
      'A sub-amendment changes the wording of its parent: its kind is modify.',
      'body.kind',
    );
  if (!proposed.trim())
    throw unprocessable(
      'amendment',
      "Give the parent's proposed text as sub-amended (proposedText).",
      'body.proposedText',
    );
  if (proposed === parent.proposedText)
    throw unprocessable(
      'amendment',
      `The proposed text is the same as ${amendmentName(parent)}'s: nothing would change.`,
      'body.proposedText',
    );
  return {
    kind: 'modify',
    targetParagraphId: parent.targetParagraphId,
    anchorParagraphId: parent.anchorParagraphId,
    position: null,
    newKind: null,
    proposedText: proposed,
    ...base(parent.proposedText),
    parentAmendmentId: parent.id,
  };
}

const base = (text: string) => ({ baseText: text, baseHash: hashText(text) });

/**
 * The text an amendment is measured against now: the paragraph's current wording, or for
 * a sub-amendment its parent's proposed text. Null when the paragraph was deleted.
 */
export function currentBaseOf(
  amendment: Amendment,
  paragraphs: readonly Paragraph[],
  parent: Amendment | null,
): string | null {
  if (amendment.parentAmendmentId !== null) return parent?.proposedText ?? null;
  if (amendment.kind === 'insert') return '';
  return paragraphs.find((p) => p.id === amendment.targetParagraphId)?.text ?? null;
}
