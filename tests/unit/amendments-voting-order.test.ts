import { describe, expect, it } from 'vitest';
import { computeVotingOrder, describeShare } from '@/lib/amendments/voting-order';
import {
  deletion,
  exampleParagraphs,
  insertion,
  modify,
  move,
  op8Amendments,
  paragraph,
  subAmendment,
} from './amendments-example';

const paragraphs = exampleParagraphs();
const { op8, deleteOp8, replaceWords, addClause } = op8Amendments(paragraphs);
const summary = (order: ReturnType<typeof computeVotingOrder>) =>
  order.map((e) => [e.position, e.number, e.paragraphLabel, e.reason]);

describe('voting order: the amendment furthest removed from the original is voted first', () => {
  it('puts the deletion of OP 8 first, then the wording changes, the larger change first', () => {
    // Tabled as A/1 (delete), A/2 (replace three words), A/3 (add a clause at the end).
    const order = computeVotingOrder([replaceWords, addClause, deleteOp8], paragraphs);
    expect(summary(order)).toEqual([
      [1, 'A/1', 'OP 8', 'Deletes the paragraph: furthest removed from the original'],
      [2, 'A/3', 'OP 8', 'Changes 20% of the wording'],
      [3, 'A/2', 'OP 8', 'Changes 11% of the wording'],
    ]);
    expect(order.every((e) => e.paragraphId === op8.id)).toBe(true);
  });

  it('keeps tabling order between amendments that change as much, and says so', () => {
    const a2 = modify('A/2', op8, op8.text.replace('parliaments', 'legislatures'));
    const a10 = modify('A/10', op8, op8.text.replace('legislation', 'laws'));
    expect(summary(computeVotingOrder([a10, a2], paragraphs))).toEqual([
      [1, 'A/2', 'OP 8', 'Changes 2% of the wording'],
      [2, 'A/10', 'OP 8', 'Changes 2% of the wording, as much as A/2: tabling order'],
    ]);
  });

  it('votes a sub-amendment immediately before the amendment it amends', () => {
    const sub = subAmendment(
      'A/4',
      replaceWords,
      replaceWords.proposedText.replace('women and girls', 'women, girls and children'),
    );
    const order = computeVotingOrder([deleteOp8, replaceWords, addClause, sub], paragraphs);
    expect(summary(order)).toEqual([
      [1, 'A/1', 'OP 8', 'Deletes the paragraph: furthest removed from the original'],
      [2, 'A/3', 'OP 8', 'Changes 20% of the wording'],
      [3, 'A/4', 'OP 8', 'Sub-amendment to A/2: voted before its parent'],
      [4, 'A/2', 'OP 8', 'Changes 11% of the wording'],
    ]);
  });

  it('ranks several sub-amendments to one amendment among themselves, furthest removed first', () => {
    const small = subAmendment('A/4', replaceWords, replaceWords.proposedText.replace('girls', 'children'));
    const large = subAmendment(
      'A/5',
      replaceWords,
      replaceWords.proposedText.replace('the rights of women and girls', 'human rights'),
    );
    const order = computeVotingOrder([replaceWords, small, large], paragraphs);
    expect(order.map((e) => e.number)).toEqual(['A/5', 'A/4', 'A/2']);
    expect(order[0].reason).toBe('Sub-amendment to A/2: voted before its parent; changes 9% of its proposed wording');
  });

  it('orders only tabled amendments: drafts, withdrawn and settled ones are not put', () => {
    const withdrawn = { ...deleteOp8, status: 'withdrawn' as const };
    const draft = { ...addClause, number: null, status: 'draft' as const };
    const subOfWithdrawn = subAmendment('A/5', withdrawn, '');
    expect(
      computeVotingOrder([withdrawn, draft, replaceWords, subOfWithdrawn], paragraphs).map((e) => e.number),
    ).toEqual(['A/2']);
  });

  it('groups amendments by paragraph in document order, new paragraphs with their anchor', () => {
    const op3 = paragraph(paragraphs, 'OP 3');
    const pp2 = paragraph(paragraphs, 'PP 2');
    const newAfterOp8 = insertion(
      'A/5',
      op8,
      'after',
      'operative',
      'Calls on parliaments to allocate budgets for shelters for victims of trafficking;',
    );
    const newBeforeOp8 = insertion('A/6', op8, 'before', 'operative', 'Recognizes the role of women parliamentarians;');
    const moveOp8 = move('A/7', op8, op3, 'after');
    const onOp3 = modify('A/8', op3, op3.text.replace('unwavering', 'firm'));
    const onPp2 = deletion('A/9', pp2);
    const order = computeVotingOrder(
      [newAfterOp8, moveOp8, replaceWords, newBeforeOp8, onOp3, onPp2, deleteOp8],
      paragraphs,
    );
    expect(summary(order)).toEqual([
      [1, 'A/9', 'PP 2', 'Deletes the paragraph: furthest removed from the original'],
      [2, 'A/8', 'OP 3', 'Changes 2% of the wording'],
      [
        3,
        'A/6',
        'OP 8',
        'Inserts a new operative paragraph before OP 8: voted in tabling order with the amendments there',
      ],
      [4, 'A/1', 'OP 8', 'Deletes the paragraph: furthest removed from the original'],
      [5, 'A/2', 'OP 8', 'Changes 11% of the wording'],
      [
        6,
        'A/7',
        'OP 8',
        'Moves the paragraph after OP 3: the wording is unchanged, so it comes after the amendments to the wording',
      ],
      [
        7,
        'A/5',
        'OP 8',
        'Inserts a new operative paragraph after OP 8: voted in tabling order with the amendments there',
      ],
    ]);
  });

  it('still lists an amendment whose paragraph is gone, last, so the chair sees it', () => {
    const orphan = modify('A/4', { id: 'p-gone', kind: 'operative', text: 'Old words;' }, 'New words;');
    const order = computeVotingOrder([orphan, replaceWords], paragraphs);
    expect(order.map((e) => [e.number, e.paragraphLabel])).toEqual([
      ['A/2', 'OP 8'],
      ['A/4', null],
    ]);
  });
});

describe('the share of wording, as the chair reads it out', () => {
  it('rounds to whole percent, with words for the edges', () => {
    expect(describeShare(0.42)).toBe('Changes 42% of the wording');
    expect(describeShare(0.001)).toBe('Changes less than 1% of the wording');
    expect(describeShare(0)).toBe('Leaves the wording unchanged');
    expect(describeShare(1.5)).toBe('Changes more words than the paragraph has (150%)');
  });
});
