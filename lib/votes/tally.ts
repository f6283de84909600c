import { CHOICES, type Ballot, type VoteTotals } from './types';

/**
 * Adds up the ballots of one vote. Each delegation counts once, with its weight (1 when the
 * committee does not weight votes or the delegation has no entry). The store keeps one
 * ballot per delegation, but a changed vote replayed from a log, or two rows after a race,
 * must not count twice: the LAST ballot of a delegation is the one that counts, as a
 * delegation may change its vote until the poll closes.
 */
export function tallyBallots(ballots: readonly Ballot[], weights?: ReadonlyMap<string, number>): VoteTotals {
  const latest = new Map<string, Ballot>();
  for (const ballot of ballots) {
    if (!CHOICES.includes(ballot.choice)) {
      throw new RangeError(
        `unknown choice "${String(ballot.choice)}" for delegation ${ballot.delegationId}: expected yes, no or abstain`,
      );
    }
    // Delete first so that the Map's order is that of the counted ballots (handy when debugging).
    latest.delete(ballot.delegationId);
    latest.set(ballot.delegationId, ballot);
  }
  const totals: VoteTotals = { yes: 0, no: 0, abstain: 0 };
  for (const { delegationId, choice } of latest.values()) {
    totals[choice] += weightOf(delegationId, weights);
  }
  return totals;
}

function weightOf(delegationId: string, weights: ReadonlyMap<string, number> | undefined): number {
  const weight = weights?.get(delegationId) ?? 1;
  // A weight of 0 is allowed (a delegation present without voting rights); a negative or
  // non-numeric weight would silently subtract votes, so it is refused.
  if (!Number.isFinite(weight) || weight < 0) {
    throw new RangeError(
      `the vote weight of delegation ${delegationId} is ${weight}; weights must be finite and not negative`,
    );
  }
  return weight;
}
