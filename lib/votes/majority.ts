import type { MajorityRule, VoteResult, VoteTotals } from './types';

export interface MajorityQuestion {
  totals: VoteTotals;
  rule: MajorityRule;
  /**
   * Delegations entitled to vote (or their total weight, when votes are weighted): the base
   * of the absolute majority. Required for `absolute`, ignored otherwise.
   */
  membership?: number;
  /**
   * Minimum taking part in the vote. Compared with `present`, which defaults to
   * yes + no + abstain of `totals` — so by default the quorum is in the unit of the totals:
   * weight when votes are weighted, delegations otherwise. A committee that weights votes
   * but counts its quorum in delegations passes the number of delegations that voted as
   * `present`.
   */
  quorum?: number;
  /** Who took part, in the unit of `quorum` (see there). */
  present?: number;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const fmt = (n: number) => numberFormat.format(n);
const plural = (n: number, one: string, many: string) => `${fmt(n)} ${n === 1 ? one : many}`;

function assertCount(name: string, n: number | undefined): void {
  if (n !== undefined && (!Number.isFinite(n) || n < 0)) {
    throw new RangeError(`${name} is ${n}; it must be a finite number, not negative`);
  }
}

/** "120 in favour, 30 against, with 15 abstentions" (the abstentions only when there are some). */
function countsPhrase({ yes, no, abstain }: VoteTotals): string {
  const base = `${fmt(yes)} in favour, ${fmt(no)} against`;
  return abstain > 0 ? `${base}, with ${plural(abstain, 'abstention', 'abstentions')}` : base;
}

interface Threshold {
  required: number;
  passes: boolean;
  /** "a two-thirds majority of the 150 votes cast was 100" */
  reason: string;
}

/**
 * Thresholds in whole votes. With fractional weights `required` is indicative only; the
 * decision itself is always an exact comparison, never a rounded one.
 */
function threshold(rule: MajorityRule, totals: VoteTotals, membership: number | undefined): Threshold {
  // Abstaining is not voting: under the simple and two-thirds rules the base is the votes
  // cast for or against (IPU Statutes and the usual rules of procedure).
  const cast = totals.yes + totals.no;
  const castWords = plural(cast, 'vote cast', 'votes cast');
  if (rule === 'simple') {
    const required = Math.floor(cast / 2) + 1;
    const tie = cast > 0 && totals.yes === totals.no ? ' (a tie fails)' : '';
    return {
      required,
      passes: totals.yes > totals.no,
      reason: `a simple majority of the ${castWords} was ${fmt(required)}${tie}`,
    };
  }
  if (rule === 'two_thirds') {
    // 3·yes ≥ 2·cast avoids comparing with a rounded 2/3; with nothing cast, nothing passes.
    const required = Math.max(1, Math.ceil((2 * cast) / 3));
    return {
      required,
      passes: cast > 0 && 3 * totals.yes >= 2 * cast,
      reason: `a two-thirds majority of the ${castWords} was ${fmt(required)}`,
    };
  }
  if (membership === undefined || membership <= 0) {
    throw new RangeError(
      'an absolute majority needs the membership (delegations or weight entitled to vote), and it must be positive',
    );
  }
  const required = Math.floor(membership / 2) + 1;
  return {
    required,
    passes: totals.yes > membership / 2,
    reason: `an absolute majority of the membership of ${fmt(membership)} was ${fmt(required)}`,
  };
}

/**
 * Whether a vote carried. The quorum is checked first: without it no decision is taken,
 * whatever the counts. `required` is always the majority threshold (votes in favour needed),
 * so the voting screen can show it even when the quorum failed.
 */
export function decideResult(question: MajorityQuestion): VoteResult {
  const { totals, rule, membership, quorum } = question;
  assertCount('yes', totals.yes);
  assertCount('no', totals.no);
  assertCount('abstain', totals.abstain);
  assertCount('membership', membership);
  assertCount('quorum', quorum);
  assertCount('present', question.present);

  const { required, passes, reason } = threshold(rule, totals, membership);
  const present = question.present ?? totals.yes + totals.no + totals.abstain;
  if (quorum !== undefined && present < quorum) {
    return {
      outcome: 'no_quorum',
      required,
      explanation: `No quorum: ${fmt(present)} took part in the vote (in favour, against or abstaining), fewer than the quorum of ${fmt(quorum)}; no decision was taken.`,
    };
  }
  const outcome = passes ? 'adopted' : 'rejected';
  return { outcome, required, explanation: `${passes ? 'Adopted' : 'Rejected'}: ${countsPhrase(totals)}; ${reason}.` };
}
