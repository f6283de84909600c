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

  it('a secret ballot is counted from the totals kept while it was open, never from choices beside delegations', () => {
    const secret = { method: 'secret', majority: 'absolute', quorum: null, weighted: false, weights } as const;
    const result = closeVoteResult({
      ...secret,
      ballots: [],
      secretTally: { totals: { yes: 3, no: 0, abstain: 1 }, voted: 4 },
    });
    expect(result).toMatchObject({ outcome: 'adopted', totals: { yes: 3, no: 0, abstain: 1 }, ballotsCast: 4 });
    expect(() => closeVoteResult({ ...secret, ballots: [] })).toThrow(/totals kept/);
    expect(() =>
      closeVoteResult({
        ...secret,
        ballots: [{ delegationId: 'a', choice: 'yes' }],
        secretTally: { totals: { yes: 1, no: 0, abstain: 0 }, voted: 1 },
      }),
    ).toThrow(/no choice beside a delegation/);
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
