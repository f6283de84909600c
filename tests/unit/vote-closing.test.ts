import { describe, expect, it } from 'vitest';
import { closeVoteResult } from '../../lib/votes/closing';

const weights = new Map([
  ['a', 1],
  ['b', 1],
  ['c', 5],
  ['d', 1],
]);

describe('closeVoteResult: what a vote comes to at closing', () => {
  it('a show of hands uses the counts the chair entered, and cannot close without them', () => {
    const result = closeVoteResult({
      method: 'show_of_hands',
      majority: 'simple',
      quorum: null,
      weighted: false,
      ballots: [],
      weights,
      enteredCounts: { yes: 3, no: 1, abstain: 0 },
    });
    expect(result).toMatchObject({
      outcome: 'adopted',
      totals: { yes: 3, no: 1, abstain: 0 },
      ballotsCast: null,
      membership: 4,
    });
    expect(() =>
      closeVoteResult({
        method: 'show_of_hands',
        majority: 'simple',
        quorum: null,
        weighted: false,
        ballots: [],
        weights,
      }),
    ).toThrow(/counts/);
  });

  it('weights count only when the vote is weighted, for the totals and the membership alike', () => {
    const ballots = [
      { delegationId: 'a', choice: 'yes' },
      { delegationId: 'b', choice: 'yes' },
      { delegationId: 'c', choice: 'no' },
    ] as const;
    const plain = closeVoteResult({
      method: 'electronic',
      majority: 'absolute',
      quorum: null,
      weighted: false,
      ballots,
      weights,
    });
    const weighted = closeVoteResult({
      method: 'electronic',
      majority: 'absolute',
      quorum: null,
      weighted: true,
      ballots,
      weights,
    });
    expect(plain).toMatchObject({ totals: { yes: 2, no: 1 }, membership: 4, outcome: 'rejected', ballotsCast: 3 });
    expect(weighted).toMatchObject({ totals: { yes: 2, no: 5 }, membership: 8, outcome: 'rejected' });
  });

  it('a quorum not met takes no decision', () => {
    const result = closeVoteResult({
      method: 'recorded',
      majority: 'simple',
      quorum: 3,
      weighted: false,
      ballots: [{ delegationId: 'a', choice: 'yes' }],
      weights,
    });
    expect(result.outcome).toBe('no_quorum');
  });
});
