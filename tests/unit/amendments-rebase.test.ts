import { describe, expect, it } from 'vitest';
import { rangesOverlap, rebaseAmendment } from '@/lib/amendments/rebase';
import { exampleParagraphs, op8Amendments } from './amendments-example';

const { op8, replaceWords, addClause } = op8Amendments(exampleParagraphs());

describe('rebasing an amendment onto the paragraph as it reads now', () => {
  it('has nothing to do when the paragraph has not changed', () => {
    expect(rebaseAmendment({ base: op8.text, proposed: addClause.proposedText, current: op8.text })).toEqual({
      status: 'unchanged',
    });
  });

  it('carries the amendment over when the paragraph changed in other words', () => {
    // A/2 has been adopted; A/3 was written against the original OP 8.
    const result = rebaseAmendment({
      base: op8.text,
      proposed: addClause.proposedText,
      current: replaceWords.proposedText,
    });
    expect(result).toEqual({
      status: 'rebased',
      proposed:
        'Encourages parliaments to mainstream the rights of women and girls in all legislation and oversight practices ' +
        '(including the formulation, enforcement and monitoring of laws and budgets) to ensure that women and children are ' +
        'protected from all forms of abuse and that they are provided with legal, medical and other forms of assistance, ' +
        'including psychosocial support and safe shelter for victims of trafficking;',
    });
  });

  it('keeps several edits in place on either side of the paragraph’s change', () => {
    const base =
      'Calls on parliaments to urge their respective governments to tighten controls of goods passing through their territory;';
    const proposed = base.replace('Calls on', 'Urges').replace('their territory', 'their national territory');
    const current = base.replace('tighten controls', 'tighten customs controls');
    expect(rebaseAmendment({ base, proposed, current })).toEqual({
      status: 'rebased',
      proposed:
        'Urges parliaments to urge their respective governments to tighten customs controls of goods passing through their national territory;',
    });
  });

  it('reports a conflict when the paragraph changed in the same words', () => {
    const current = op8.text.replace('gender equality concerns', 'a gender perspective');
    const result = rebaseAmendment({ base: op8.text, proposed: replaceWords.proposedText, current });
    const start = op8.text.indexOf('gender equality concerns');
    expect(result).toEqual({
      status: 'conflict',
      base: op8.text,
      current,
      proposed: replaceWords.proposedText,
      conflicting: [{ start, end: start + 'gender equality concerns'.length }],
    });
  });

  it('treats two insertions at the same place as a conflict: their order is for the committee to decide', () => {
    const base = 'Calls on States to adhere to all relevant resolutions;';
    const result = rebaseAmendment({
      base,
      proposed: base.replace(';', ' of the United Nations;'),
      current: base.replace(';', ' and conventions;'),
    });
    expect(result.status).toBe('conflict');
  });

  it('does not treat changes to two neighbouring words as touching: the space between them separates them', () => {
    const base = 'gender equality concerns';
    expect(rebaseAmendment({ base, proposed: 'gender equity concerns', current: 'gender equality issues' })).toEqual({
      status: 'rebased',
      proposed: 'gender equity issues',
    });
  });
});

describe('what counts as overlap', () => {
  it('sharing a character, or touching end to start, or two insertions at one place', () => {
    expect(rangesOverlap({ start: 0, end: 5 }, { start: 4, end: 8 })).toBe(true);
    expect(rangesOverlap({ start: 0, end: 5 }, { start: 5, end: 8 })).toBe(true);
    expect(rangesOverlap({ start: 5, end: 5 }, { start: 5, end: 5 })).toBe(true);
    expect(rangesOverlap({ start: 0, end: 5 }, { start: 6, end: 8 })).toBe(false);
  });
});
