/**
 * What a vote comes to when the chair closes it: the totals (from ballots, or the counts the
 * chair entered for a show of hands), whether the quorum was met, and whether the majority
 * the chair announced was reached. Stored with the vote, so the record never depends on
 * later changes of weights or membership.
 */
import { decideResult } from './majority';
import { tallyBallots } from './tally';
import type { Ballot, MajorityRule, VoteMethod, VoteResult, VoteTotals } from './types';

export interface ClosingInput {
  method: VoteMethod;
  majority: MajorityRule;
  quorum: number | null;
  /** Votes weighted by delegation (the IPU weights by population). */
  weighted: boolean;
  ballots: readonly Ballot[];
  /** Delegation id → weight; every delegation of the committee. */
  weights: ReadonlyMap<string, number>;
  /** Show of hands: the counts the chair entered. */
  enteredCounts?: VoteTotals | null;
  /**
   * Secret ballot: the totals kept while it was open (already weighted when the vote is)
   * and how many delegations voted — its ballots carry no choice (lib/votes/secret.ts).
   */
  secretTally?: { totals: VoteTotals; voted: number } | null;
}

export interface ClosedVoteResult extends VoteResult {
  totals: VoteTotals;
  /** Delegations (or weight) entitled to vote: the base of an absolute majority. */
  membership: number;
  /** Ballots counted (delegations that voted); null for a show of hands. */
  ballotsCast: number | null;
}

/** Methods whose result comes from counts entered by the chair rather than from ballots. */
export const COUNTED_METHODS: readonly VoteMethod[] = ['show_of_hands'];

/** Methods that keep each delegation's choice after closing (a secret ballot keeps only totals). */
export const RECORDED_METHODS: readonly VoteMethod[] = ['recorded', 'roll_call', 'electronic'];

export function closeVoteResult(input: ClosingInput): ClosedVoteResult {
  const weights = input.weighted ? input.weights : undefined;
  let membership = 0;
  for (const w of input.weights.values()) membership += input.weighted ? w : 1;
  const counted = COUNTED_METHODS.includes(input.method);
  if (counted && !input.enteredCounts) {
    throw new RangeError('a show of hands is closed with the counts the chair announces (yes, no, abstain)');
  }
  if (input.method === 'secret') {
    if (!input.secretTally) throw new RangeError('a secret ballot is closed with the totals kept while it was open');
    if (input.ballots.length > 0) throw new RangeError('a secret ballot keeps no choice beside a delegation');
  }
  const secret = input.method === 'secret' ? input.secretTally! : null;
  const totals = counted
    ? { ...input.enteredCounts! }
    : secret
      ? { ...secret.totals }
      : tallyBallots(input.ballots, weights);
  const result = decideResult({ totals, rule: input.majority, membership, quorum: input.quorum ?? undefined });
  return {
    ...result,
    totals,
    membership,
    ballotsCast: counted ? null : secret ? secret.voted : new Set(input.ballots.map((b) => b.delegationId)).size,
  };
}
