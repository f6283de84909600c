import { describe, expect, it } from 'vitest';
import { compileAmendments, votingOrder } from '@/lib/amendments/compilation';
import { prepareDraft } from '@/lib/amendments/drafting';
import { DomainError } from '@/lib/errors';
import { exampleParagraphs, op8Amendments, paragraph, subAmendment } from './amendments-example';

/** The compilation the committee reads, on OP 8 of the 122nd Assembly resolution. */
const paragraphs = exampleParagraphs();
const { op8, deleteOp8, replaceWords, addClause } = op8Amendments(paragraphs);
const ordered = (a: typeof deleteOp8, votingPosition: number | null = null) => ({ ...a, votingPosition });

describe('votingOrder', () => {
  it('is the suggestion until the chair sets one; the chair’s places say what was suggested', () => {
    const all = [ordered(deleteOp8), ordered(replaceWords), ordered(addClause)];
    expect(votingOrder(all, paragraphs).map((e) => [e.number, e.byChair])).toEqual([
      ['A/1', false],
      ['A/3', false],
      ['A/2', false],
    ]);
    const chair = [ordered(deleteOp8, 3), ordered(replaceWords, 1), ordered(addClause, 2)];
    const order = votingOrder(chair, paragraphs);
    expect(order.map((e) => e.number)).toEqual(['A/2', 'A/3', 'A/1']);
    expect(order[2].reason).toBe(
      'Placed by the chair (suggested: 1. Deletes the paragraph: furthest removed from the original)',
    );
  });

  it('puts a sub-amendment tabled after the chair’s order just before its parent', () => {
    const sub = subAmendment(
      'A/4',
      addClause,
      addClause.proposedText.replace('safe shelter', 'safe and confidential shelter'),
    );
    const order = votingOrder(
      [ordered(deleteOp8, 2), ordered(replaceWords, 3), ordered(addClause, 1), ordered(sub)],
      paragraphs,
    );
    expect(order.map((e) => e.number)).toEqual(['A/4', 'A/3', 'A/1', 'A/2']);
  });
});

describe('compileAmendments', () => {
  it('shows each amendment as a redline with the paragraph’s current number, filtered by paragraph', () => {
    const rows = compileAmendments(
      [
        ordered(replaceWords),
        ordered({
          ...addClause,
          targetParagraphId: paragraph(paragraphs, 'OP 9').id,
          baseText: paragraph(paragraphs, 'OP 9').text,
        }),
      ],
      paragraphs,
      { paragraphId: op8.id },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ paragraphLabel: 'OP 8', stale: false, conflict: false });
    expect(rows[0].segments.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: 'gender equality concerns' },
      { op: 'insert', text: 'the rights of women and girls' },
    ]);
  });

  it('shows a decided amendment as it was proposed, never as stale', () => {
    const amended = paragraphs.map((p) => (p.id === op8.id ? { ...p, text: replaceWords.proposedText } : p));
    const [row] = compileAmendments([ordered({ ...replaceWords, status: 'adopted' })], amended);
    expect(row.stale).toBe(false);
    expect(row.segments.find((s) => s.op === 'delete')?.text).toBe('gender equality concerns');
  });

  it('marks a deleted paragraph, and prepareDraft refuses to amend it', () => {
    const without = paragraphs.filter((p) => p.id !== op8.id);
    expect(compileAmendments([ordered(replaceWords)], without)[0]).toMatchObject({
      paragraphDeleted: true,
      paragraphLabel: null,
    });
    expect(() => prepareDraft({ kind: 'delete', targetParagraphId: op8.id }, without)).toThrow(DomainError);
    expect(() => prepareDraft({ kind: 'delete', targetParagraphId: op8.id }, without)).toThrow(
      /has been deleted, so it can no longer be amended/,
    );
  });
});
