import { describe, expect, it } from 'vitest';
import { AmendmentError, applyAmendment, applySubAmendment, previewAsAmended } from '@/lib/amendments/apply';
import { labelOf } from '@/lib/resolution/numbering';
import type { Paragraph } from '@/lib/resolution/types';
import {
  deletion,
  exampleParagraphs,
  idSequence,
  insertion,
  labels,
  modify,
  move,
  op8Amendments,
  paragraph,
  subAmendment,
} from './amendments-example';

const paragraphs = exampleParagraphs();
const { op8, deleteOp8, replaceWords, addClause } = op8Amendments(paragraphs);
const op7 = paragraph(paragraphs, 'OP 7');

function caught(attempt: () => unknown): AmendmentError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof AmendmentError) return error;
    throw error;
  }
  throw new Error('expected an AmendmentError');
}

describe('adopting an amendment changes the text', () => {
  it('a change of wording keeps the paragraph’s id, kind and place', () => {
    const after = applyAmendment(paragraphs, replaceWords, idSequence());
    const index = paragraphs.indexOf(op8);
    expect(after[index]).toEqual({ id: op8.id, kind: 'operative', text: replaceWords.proposedText });
    expect(after).toHaveLength(paragraphs.length);
    expect(paragraphs[index].text).toBe(op8.text); // the input is left as it was
  });

  it('a new paragraph gets a new id at its place, and the paragraphs after it are renumbered', () => {
    const newOp = insertion(
      'A/5',
      op7,
      'after',
      'operative',
      'Calls on parliaments to fund shelters for victims of trafficking;',
    );
    const after = applyAmendment(paragraphs, newOp, idSequence());
    expect(labelOf(after, 'new-1')).toBe('OP 8');
    expect(after.find((p) => p.id === 'new-1')).toEqual({ id: 'new-1', kind: 'operative', text: newOp.proposedText });
    expect(labelOf(after, op8.id)).toBe('OP 9');
  });

  it('an amendment to OP 8 still points at the same paragraph (now OP 9) after a paragraph is inserted before it', () => {
    const newOp = insertion(
      'A/5',
      op8,
      'before',
      'operative',
      'Calls on parliaments to fund shelters for victims of trafficking;',
    );
    const after = applyAmendment(paragraphs, newOp, idSequence());
    expect(labelOf(after, replaceWords.targetParagraphId!)).toBe('OP 9');
    const amended = applyAmendment(after, replaceWords, idSequence());
    expect(paragraph(amended, 'OP 9').text).toBe(replaceWords.proposedText);
    expect(paragraph(amended, 'OP 8').text).toBe(newOp.proposedText);
  });

  it('a deletion removes the paragraph and renumbers those after it', () => {
    const after = applyAmendment(paragraphs, deleteOp8, idSequence());
    expect(after.some((p) => p.id === op8.id)).toBe(false);
    expect(after).toHaveLength(paragraphs.length - 1);
    expect(paragraph(after, 'OP 8').text).toMatch(/^Invites IPU Member Parliaments to ensure/);
  });

  it('deleting an operative paragraph takes its sub-paragraphs with it', () => {
    const text: Paragraph[] = [
      { id: 'op1', kind: 'operative', text: 'Calls upon States:' },
      { id: 'a', kind: 'subparagraph', text: 'To ratify;' },
      { id: 'b', kind: 'subparagraph', text: 'To implement;' },
      { id: 'op2', kind: 'operative', text: 'Decides to remain seized of the matter.' },
    ];
    expect(applyAmendment(text, deletion('A/1', text[0]), idSequence()).map((p) => p.id)).toEqual(['op2']);
    expect(applyAmendment(text, deletion('A/2', text[1]), idSequence()).map((p) => p.id)).toEqual(['op1', 'b', 'op2']);
  });

  it('a new operative paragraph "after OP 1" goes after OP 1’s sub-paragraphs; a new sub-paragraph right after OP 1', () => {
    const text: Paragraph[] = [
      { id: 'op1', kind: 'operative', text: 'Calls upon States:' },
      { id: 'a', kind: 'subparagraph', text: 'To ratify;' },
      { id: 'op2', kind: 'operative', text: 'Decides to remain seized of the matter.' },
    ];
    expect(
      applyAmendment(text, insertion('A/1', text[0], 'after', 'operative', 'Urges…;'), idSequence()).map((p) => p.id),
    ).toEqual(['op1', 'a', 'new-1', 'op2']);
    expect(
      applyAmendment(text, insertion('A/2', text[0], 'after', 'subparagraph', 'To sign;'), idSequence()).map(
        (p) => p.id,
      ),
    ).toEqual(['op1', 'new-1', 'a', 'op2']);
  });

  it('a move relocates the paragraph with its id and wording', () => {
    const op2 = paragraph(paragraphs, 'OP 2');
    const after = applyAmendment(paragraphs, move('A/6', op8, op2, 'before'), idSequence());
    expect(labelOf(after, op8.id)).toBe('OP 2');
    expect(labelOf(after, op2.id)).toBe('OP 3');
    expect(after.find((p) => p.id === op8.id)).toEqual(op8);
    expect([...after].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [...paragraphs].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it('an amendment to a paragraph that was deleted cannot be applied', () => {
    const withoutOp8 = applyAmendment(paragraphs, deleteOp8, idSequence());
    const error = caught(() => applyAmendment(withoutOp8, replaceWords, idSequence()));
    expect(error.reason).toBe('paragraph_deleted');
    expect(error.code).toBe('conflict:paragraph_deleted');
    expect(error.message).toBe(`Paragraph ${op8.id} no longer exists; it was deleted, so A/2 cannot be applied`);
    expect(
      caught(() => applyAmendment(withoutOp8, insertion('A/5', op8, 'after', 'operative', 'x'), idSequence())).reason,
    ).toBe('paragraph_deleted');
  });

  it('a change written against an earlier wording is rebased when it does not touch the changed words', () => {
    const amended = applyAmendment(paragraphs, replaceWords, idSequence());
    const both = applyAmendment(amended, addClause, idSequence());
    expect(both.find((p) => p.id === op8.id)!.text).toBe(
      replaceWords.proposedText.replace(
        /;$/,
        ', including psychosocial support and safe shelter for victims of trafficking;',
      ),
    );
  });

  it('…and refused with a rebase conflict when it does', () => {
    const amended = applyAmendment(paragraphs, replaceWords, idSequence());
    const rival = modify('A/4', op8, op8.text.replace('gender equality concerns', 'a gender perspective'));
    const error = caught(() => applyAmendment(amended, rival, idSequence()));
    expect(error.reason).toBe('rebase_conflict');
    expect(error.message).toBe(
      'OP 8 has changed since A/4 was written, in the words it amends; it must be rebased by hand',
    );
  });

  it('a sub-amendment changes its parent, not the text', () => {
    const sub = subAmendment(
      'A/4',
      replaceWords,
      replaceWords.proposedText.replace('women and girls', 'women, girls and children'),
    );
    expect(caught(() => applyAmendment(paragraphs, sub, idSequence())).reason).toBe('invalid_amendment');
    const subAmended = applySubAmendment(replaceWords, sub);
    expect(subAmended).toEqual({ ...replaceWords, proposedText: sub.proposedText });
    expect(applyAmendment(paragraphs, subAmended, idSequence()).find((p) => p.id === op8.id)!.text).toContain(
      'women, girls and children',
    );
  });

  it('an insertion that does not say where it goes is refused', () => {
    const nowhere = { ...insertion('A/5', op8, 'after', 'operative', 'x'), anchorParagraphId: null };
    expect(caught(() => applyAmendment(paragraphs, nowhere, idSequence())).message).toBe(
      'A/5 (insert) does not say where the paragraph goes',
    );
  });
});

describe('previewing the text as amended by a chosen set', () => {
  it('applies compatible amendments in voting order', () => {
    const preview = previewAsAmended(paragraphs, [replaceWords, addClause], idSequence());
    expect(preview.applied).toEqual([addClause.id, replaceWords.id]);
    expect(preview.skipped).toEqual([]);
    expect(preview.paragraphs.find((p) => p.id === op8.id)!.text).toBe(
      'Encourages parliaments to mainstream the rights of women and girls in all legislation and oversight practices ' +
        '(including the formulation, enforcement and monitoring of laws and budgets) to ensure that women and children are ' +
        'protected from all forms of abuse and that they are provided with legal, medical and other forms of assistance, ' +
        'including psychosocial support and safe shelter for victims of trafficking;',
    );
  });

  it('skips, and reports, what the earlier ones make impossible', () => {
    const preview = previewAsAmended(paragraphs, [replaceWords, deleteOp8, addClause], idSequence());
    expect(preview.applied).toEqual([deleteOp8.id]);
    expect(preview.skipped.map((s) => s.amendmentId)).toEqual([addClause.id, replaceWords.id]);
    expect(preview.skipped[0].reason).toMatch(/no longer exists; it was deleted/);
    expect(labels(preview.paragraphs).filter((l) => l.startsWith('OP'))).toHaveLength(34);
  });

  it('applies a sub-amendment to its parent first, and skips one whose parent is not chosen', () => {
    const sub = subAmendment(
      'A/4',
      replaceWords,
      replaceWords.proposedText.replace('women and girls', 'women, girls and children'),
    );
    const preview = previewAsAmended(paragraphs, [replaceWords, sub], idSequence());
    expect(preview.applied).toEqual([sub.id, replaceWords.id]);
    expect(preview.paragraphs.find((p) => p.id === op8.id)!.text).toContain(
      'the rights of women, girls and children in all',
    );

    expect(previewAsAmended(paragraphs, [sub], idSequence()).skipped).toEqual([
      { amendmentId: sub.id, reason: 'Its parent amendment is not in the preview' },
    ]);
  });
});
