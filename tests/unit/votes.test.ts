import { describe, it, expect } from 'vitest';
import { tallyBallots } from '../../lib/votes/tally';
import { decideResult } from '../../lib/votes/majority';
import { drawByLot, rollCallOrder } from '../../lib/votes/roll-call';
import type { Ballot, Choice } from '../../lib/votes/types';

const ballot = (delegationId: string, choice: Choice): Ballot => ({ delegationId, choice });

describe('tallyBallots', () => {
  it('counts one vote per delegation when there are no weights', () => {
    expect(
      tallyBallots([ballot('fr', 'yes'), ballot('de', 'no'), ballot('it', 'abstain'), ballot('es', 'yes')]),
    ).toEqual({ yes: 2, no: 1, abstain: 1 });
  });

  it('counts only the last ballot of a delegation that changed its vote', () => {
    const ballots = [ballot('fr', 'yes'), ballot('de', 'no'), ballot('fr', 'no'), ballot('fr', 'abstain')];
    expect(tallyBallots(ballots)).toEqual({ yes: 0, no: 1, abstain: 1 });
  });

  it('weights each delegation, with weight 1 for a delegation missing from the weights', () => {
    const weights = new Map([
      ['in', 23],
      ['mc', 10],
    ]);
    expect(tallyBallots([ballot('in', 'yes'), ballot('mc', 'no'), ballot('fj', 'no')], weights)).toEqual({
      yes: 23,
      no: 11,
      abstain: 0,
    });
  });

  it('refuses a negative weight rather than subtracting votes', () => {
    expect(() => tallyBallots([ballot('fr', 'yes')], new Map([['fr', -3]]))).toThrow(/not negative/);
  });
});

describe('decideResult: simple majority', () => {
  it('fails on a tie', () => {
    const r = decideResult({ totals: { yes: 50, no: 50, abstain: 0 }, rule: 'simple' });
    expect(r.outcome).toBe('rejected');
    expect(r.required).toBe(51);
    expect(r.explanation).toBe(
      'Rejected: 50 in favour, 50 against; a simple majority of the 100 votes cast was 51 (a tie fails).',
    );
  });

  it('does not count abstentions: 10 to 9 carries even with 100 abstentions', () => {
    const r = decideResult({ totals: { yes: 10, no: 9, abstain: 100 }, rule: 'simple' });
    expect(r.outcome).toBe('adopted');
    expect(r.required).toBe(10);
    expect(r.explanation).toBe(
      'Adopted: 10 in favour, 9 against, with 100 abstentions; a simple majority of the 19 votes cast was 10.',
    );
  });

  it('rejects when nothing is cast for or against', () => {
    expect(decideResult({ totals: { yes: 0, no: 0, abstain: 5 }, rule: 'simple' }).outcome).toBe('rejected');
  });
});

describe('decideResult: two-thirds majority of the votes cast', () => {
  it('adopts with exactly two thirds: 100 of 150', () => {
    const r = decideResult({ totals: { yes: 100, no: 50, abstain: 0 }, rule: 'two_thirds' });
    expect(r).toEqual({
      outcome: 'adopted',
      required: 100,
      explanation: 'Adopted: 100 in favour, 50 against; a two-thirds majority of the 150 votes cast was 100.',
    });
  });

  it('rejects one vote short: 99 of 150', () => {
    const r = decideResult({ totals: { yes: 99, no: 51, abstain: 0 }, rule: 'two_thirds' });
    expect(r.outcome).toBe('rejected');
    expect(r.required).toBe(100);
  });

  it('explains in words, abstentions mentioned but not counted', () => {
    const r = decideResult({ totals: { yes: 120, no: 30, abstain: 15 }, rule: 'two_thirds' });
    expect(r.explanation).toBe(
      'Adopted: 120 in favour, 30 against, with 15 abstentions; a two-thirds majority of the 150 votes cast was 100.',
    );
    expect(decideResult({ totals: { yes: 120, no: 30, abstain: 0 }, rule: 'two_thirds' }).explanation).toBe(
      'Adopted: 120 in favour, 30 against; a two-thirds majority of the 150 votes cast was 100.',
    );
  });

  it('fails on a tie and when no votes are cast', () => {
    expect(decideResult({ totals: { yes: 1, no: 1, abstain: 0 }, rule: 'two_thirds' }).outcome).toBe('rejected');
    const none = decideResult({ totals: { yes: 0, no: 0, abstain: 12 }, rule: 'two_thirds' });
    expect(none.outcome).toBe('rejected');
    expect(none.required).toBe(1);
  });
});

describe('decideResult: absolute majority of the membership', () => {
  it('needs more than half of the membership, whoever is present', () => {
    const carried = decideResult({ totals: { yes: 76, no: 10, abstain: 0 }, rule: 'absolute', membership: 150 });
    expect(carried).toEqual({
      outcome: 'adopted',
      required: 76,
      explanation: 'Adopted: 76 in favour, 10 against; an absolute majority of the membership of 150 was 76.',
    });
    // A large simple majority of those voting is not enough.
    expect(decideResult({ totals: { yes: 75, no: 1, abstain: 0 }, rule: 'absolute', membership: 150 }).outcome).toBe(
      'rejected',
    );
    expect(decideResult({ totals: { yes: 76, no: 0, abstain: 0 }, rule: 'absolute', membership: 151 }).required).toBe(
      76,
    );
  });

  it('refuses to decide without the membership', () => {
    expect(() => decideResult({ totals: { yes: 1, no: 0, abstain: 0 }, rule: 'absolute' })).toThrow(/membership/);
  });
});

describe('decideResult: quorum', () => {
  it('takes no decision when fewer than the quorum take part, abstentions counting as present', () => {
    const r = decideResult({ totals: { yes: 30, no: 5, abstain: 4 }, rule: 'simple', quorum: 40 });
    expect(r.outcome).toBe('no_quorum');
    expect(r.required).toBe(18);
    expect(r.explanation).toBe(
      'No quorum: 39 took part in the vote (in favour, against or abstaining), fewer than the quorum of 40; no decision was taken.',
    );
    expect(decideResult({ totals: { yes: 30, no: 5, abstain: 5 }, rule: 'simple', quorum: 40 }).outcome).toBe(
      'adopted',
    );
  });

  it('can count the quorum in delegations while the votes are weighted', () => {
    const totals = { yes: 500, no: 20, abstain: 0 };
    expect(decideResult({ totals, rule: 'simple', quorum: 10, present: 9 }).outcome).toBe('no_quorum');
    expect(decideResult({ totals, rule: 'simple', quorum: 10, present: 10 }).outcome).toBe('adopted');
  });
});

describe('weights change the outcome', () => {
  it('one populous delegation outweighs three small ones that outnumber it', () => {
    const ballots = [ballot('in', 'yes'), ballot('mc', 'no'), ballot('li', 'no'), ballot('sm', 'no')];
    expect(decideResult({ totals: tallyBallots(ballots), rule: 'simple' }).outcome).toBe('rejected');
    const weights = new Map([
      ['in', 31],
      ['mc', 10],
      ['li', 10],
      ['sm', 10],
    ]);
    const weighted = decideResult({ totals: tallyBallots(ballots, weights), rule: 'simple' });
    expect(weighted.outcome).toBe('adopted');
    expect(weighted.explanation).toBe(
      'Adopted: 31 in favour, 30 against; a simple majority of the 61 votes cast was 31.',
    );
  });
});

describe('roll call', () => {
  const delegations = ['Thailand', 'Argentina', 'Zimbabwe', 'Côte d’Ivoire', 'Canada', 'Uruguay', 'Belgium'];

  it('starts from the delegation drawn by lot and wraps round the alphabet', () => {
    expect(rollCallOrder(delegations, 'Thailand')).toEqual([
      'Thailand',
      'Uruguay',
      'Zimbabwe',
      'Argentina',
      'Belgium',
      'Canada',
      'Côte d’Ivoire',
    ]);
  });

  it('is the plain alphabetical order when the first delegation in the alphabet is drawn', () => {
    expect(rollCallOrder(delegations, 'Argentina')).toEqual([
      'Argentina',
      'Belgium',
      'Canada',
      'Côte d’Ivoire',
      'Thailand',
      'Uruguay',
      'Zimbabwe',
    ]);
  });

  it('refuses a drawn delegation that is not voting', () => {
    expect(() => rollCallOrder(delegations, 'Narnia')).toThrow(/Narnia/);
  });

  it('draws by lot from the alphabetical list, whatever order the names arrive in', () => {
    expect(drawByLot(delegations, () => 0)).toBe('Argentina');
    expect(drawByLot([...delegations].reverse(), () => 0.5)).toBe(drawByLot(delegations, () => 0.5));
    expect(drawByLot(delegations, () => 0.9999)).toBe('Zimbabwe');
    expect(() => drawByLot(delegations, () => 1)).toThrow(/\[0, 1\)/);
    expect(() => drawByLot([], () => 0)).toThrow(/empty/);
  });
});
