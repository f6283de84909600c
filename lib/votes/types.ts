/**
 * The vocabulary of a vote (a "poll" in the API): what is voted on, how, and by which
 * majority. See DESIGN.md, "Domain" → Vote.
 */

/**
 * How the votes are taken. Show of hands and electronic voting record counts; roll-call and
 * recorded votes keep each delegation's choice; a secret ballot keeps only the totals.
 */
export type VoteMethod = 'show_of_hands' | 'recorded' | 'roll_call' | 'secret' | 'electronic';

export const VOTE_METHODS: readonly VoteMethod[] = ['show_of_hands', 'recorded', 'roll_call', 'secret', 'electronic'];

export type Choice = 'yes' | 'no' | 'abstain';

export const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];

/**
 * - simple: more votes in favour than against (abstentions not counted; a tie fails);
 * - absolute: more than half of the membership entitled to vote, whoever is present;
 * - two_thirds: at least two thirds of the votes cast (yes + no; abstentions not counted).
 */
export type MajorityRule = 'simple' | 'absolute' | 'two_thirds';

export const MAJORITY_RULES: readonly MajorityRule[] = ['simple', 'absolute', 'two_thirds'];

/** What is put to the vote: an amendment, a separate vote on one paragraph, or the whole text. */
export type VoteSubject =
  | { kind: 'amendment'; amendmentId: string }
  | { kind: 'paragraph'; paragraphId: string }
  | { kind: 'resolution' };

export interface Ballot {
  delegationId: string;
  choice: Choice;
}

/** Votes per choice; weighted when the committee weights delegations (the IPU does, by population). */
export interface VoteTotals {
  yes: number;
  no: number;
  abstain: number;
}

export type VoteOutcome = 'adopted' | 'rejected' | 'no_quorum';

export interface VoteResult {
  outcome: VoteOutcome;
  /** Votes in favour needed to adopt under the rule (reported even when there is no quorum). */
  required: number;
  /** One sentence for the minutes and the voting screen. */
  explanation: string;
}
