import { describe, expect, it } from 'vitest';
import { applyAmendment } from '@/lib/amendments/apply';
import { amendmentsMadeImpossible, orphanedSubAmendments } from '@/lib/amendments/fall';
import { rebaseAmendment } from '@/lib/amendments/rebase';
import {
  exampleParagraphs,
  idSequence,
  insertion,
  modify,
  move,
  op8Amendments,
  paragraph,
  subAmendment,
} from './amendments-example';

const paragraphs = exampleParagraphs();
const { op8, deleteOp8, replaceWords, addClause } = op8Amendments(paragraphs);

describe('the fall rule: adopting an amendment settles those it makes impossible', () => {
  it('adopting the deletion of OP 8 makes every other amendment to OP 8 fall', () => {
    expect(amendmentsMadeImpossible(deleteOp8, [replaceWords, addClause], paragraphs)).toEqual([
      { amendmentId: replaceWords.id, reason: 'OP 8 was deleted by A/1' },
      { amendmentId: addClause.id, reason: 'OP 8 was deleted by A/1' },
    ]);
  });

  it('adopting the replacement of "gender equality concerns" leaves the clause added at the end standing', () => {
    expect(amendmentsMadeImpossible(replaceWords, [addClause], paragraphs)).toEqual([]);
  });

  it('…and that compatible amendment rebases cleanly onto the adopted wording', () => {
    const adoptedText = applyAmendment(paragraphs, replaceWords, idSequence()).find((p) => p.id === op8.id)!.text;
    const rebased = rebaseAmendment({
      base: addClause.baseText,
      proposed: addClause.proposedText,
      current: adoptedText,
    });
    expect(rebased).toEqual({
      status: 'rebased',
      proposed: adoptedText.replace(
        /;$/,
        ', including psychosocial support and safe shelter for victims of trafficking;',
      ),
    });
    expect(rebased.status === 'rebased' && rebased.proposed).toContain(
      'mainstream the rights of women and girls in all legislation',
    );
  });

  it('of two amendments replacing the same words, adopting one makes the other fall, quoting the words', () => {
    const rival = modify('A/4', op8, op8.text.replace('gender equality concerns', 'a gender perspective'));
    expect(amendmentsMadeImpossible(replaceWords, [rival, addClause], paragraphs)).toEqual([
      { amendmentId: rival.id, reason: 'A/2, adopted, already changed the same words ("gender equality concerns")' },
    ]);
  });

  it('a deletion does not fall when the wording of its paragraph is amended: it can still be put', () => {
    expect(amendmentsMadeImpossible(addClause, [deleteOp8, replaceWords], paragraphs)).toEqual([]);
  });

  it('only tabled amendments fall; drafts and settled ones are left alone', () => {
    const draft = { ...replaceWords, number: null, status: 'draft' as const };
    const rejected = { ...addClause, status: 'rejected' as const };
    expect(amendmentsMadeImpossible(deleteOp8, [draft, rejected], paragraphs)).toEqual([]);
  });

  it('a new paragraph to be inserted after a deleted one falls: it has nowhere to go', () => {
    const after = insertion('A/5', op8, 'after', 'operative', 'Calls on parliaments to fund shelters;');
    const elsewhere = insertion(
      'A/6',
      paragraph(paragraphs, 'OP 9'),
      'after',
      'operative',
      'Calls on parliaments to fund training;',
    );
    expect(amendmentsMadeImpossible(deleteOp8, [after, elsewhere], paragraphs)).toEqual([
      {
        amendmentId: after.id,
        reason: 'Its position, after OP 8, was deleted by A/1; it can be tabled again with a new position',
      },
    ]);
  });

  it('once OP 8 has been moved, another proposal to move it falls', () => {
    const toTop = move('A/5', op8, paragraph(paragraphs, 'OP 1'), 'before');
    const toEnd = move('A/6', op8, paragraph(paragraphs, 'OP 35'), 'after');
    expect(amendmentsMadeImpossible(toTop, [toEnd, replaceWords], paragraphs)).toEqual([
      { amendmentId: toEnd.id, reason: 'OP 8 was already moved by A/5' },
    ]);
  });

  it('an amendment already in conflict with the paragraph is not made to fall by an unrelated adoption', () => {
    const staleText = op8.text.replace('gender equality concerns', 'gender concerns');
    const stale = modify('A/4', { ...op8, text: staleText }, staleText.replace('gender concerns', 'gender issues'));
    expect(amendmentsMadeImpossible(addClause, [stale], paragraphs)).toEqual([]);
  });
});

describe('sub-amendments fall with their parent', () => {
  const sub = subAmendment(
    'A/4',
    replaceWords,
    replaceWords.proposedText.replace('women and girls', 'women, girls and children'),
  );

  it('when the parent falls because the paragraph was deleted', () => {
    expect(amendmentsMadeImpossible(deleteOp8, [replaceWords, sub], paragraphs)).toEqual([
      { amendmentId: replaceWords.id, reason: 'OP 8 was deleted by A/1' },
      { amendmentId: sub.id, reason: 'Its parent A/2 fell, so this sub-amendment can no longer be put' },
    ]);
  });

  it('when the parent is adopted before them', () => {
    expect(amendmentsMadeImpossible(replaceWords, [sub], paragraphs)).toEqual([
      { amendmentId: sub.id, reason: 'Its parent A/2 was adopted, so this sub-amendment can no longer be put' },
    ]);
  });

  it('when the parent is rejected or withdrawn (no adoption involved)', () => {
    const rejected = { ...replaceWords, status: 'rejected' as const };
    const subOfSub = subAmendment('A/5', sub, sub.proposedText.replace('children', 'adolescents'));
    expect(orphanedSubAmendments([rejected, sub, subOfSub, addClause])).toEqual([
      { amendmentId: sub.id, reason: 'Its parent A/2 was rejected, so this sub-amendment can no longer be put' },
      { amendmentId: subOfSub.id, reason: 'Its parent A/4 fell, so this sub-amendment can no longer be put' },
    ]);
  });

  it('a sub-amendment changing the same words as an adopted sibling falls; one changing other words stays', () => {
    const sibling = subAmendment('A/5', replaceWords, replaceWords.proposedText.replace('women and girls', 'women'));
    const elsewhere = subAmendment(
      'A/6',
      replaceWords,
      replaceWords.proposedText.replace('oversight practices', 'oversight'),
    );
    expect(amendmentsMadeImpossible(sub, [replaceWords, sibling, elsewhere], paragraphs)).toEqual([
      { amendmentId: sibling.id, reason: 'A/4, adopted, already changed the same words ("and girls")' },
    ]);
  });
});
