import type { TextMark } from '@/app/_components/amendment-marks-store';
import { conflictingAmendments, conflictSentence, type ConflictCandidate } from './amendment-conflicts';
import { asAmended } from './redline';

/** What the marks read of an amendment and of the votes (as the API presents them). */
interface MarkedAmendment extends ConflictCandidate {
  number: string | null;
  kind: string;
  rationale: string | null;
  statusReason: string | null;
  sponsor: { name: string };
  coSponsors: { name: string }[];
}
interface DecidingVote {
  status: string;
  subject: { kind: string; amendmentId?: string | null };
  result?: { totals: { yes: number; no: number; abstain: number } } | null;
}

/** The words of decisions and conflicts, in the reader's interface language (English by default). */
export interface DecisionWords {
  byVote: (totals: { yes: number; no: number; abstain: number }) => string;
  byConsensus: string;
  /** "A/1 and A/2 change the same words" */
  conflict: (number: string, others: readonly string[]) => string;
}

export const ENGLISH_DECISION_WORDS: DecisionWords = {
  byVote: (t) => `by vote: ${t.yes} yes, ${t.no} no, ${t.abstain} ${t.abstain === 1 ? 'abstention' : 'abstentions'}`,
  byConsensus: 'by consensus',
  conflict: conflictSentence,
};

/** The closed vote that decided an amendment, if a vote did. */
export function decidingVote(a: MarkedAmendment, votes: readonly DecidingVote[]) {
  if (a.status !== 'adopted' && a.status !== 'rejected') return undefined;
  return votes.find(
    (v) => v.status === 'closed' && v.subject.kind === 'amendment' && v.subject.amendmentId === a.id && v.result,
  );
}

/** How a decided amendment was decided: "by consensus", or the tally of its vote. */
export function decidedHow(
  a: MarkedAmendment,
  votes: readonly DecidingVote[],
  words: DecisionWords = ENGLISH_DECISION_WORDS,
): string | null {
  if (a.status !== 'adopted' && a.status !== 'rejected') return null;
  const vote = decidingVote(a, votes);
  if (vote?.result) return words.byVote(vote.result.totals);
  if (a.statusReason?.toLowerCase().includes('consensus') || a.statusReason === 'Rejected') return words.byConsensus;
  return a.statusReason ? a.statusReason.replace(/^(Adopted|Rejected) /, '') : null;
}

/** The amendments of the text as marks on their paragraphs (numbered ones: drafts stay in the panel). */
export function textMarks(
  amendments: readonly MarkedAmendment[],
  votes: readonly DecidingVote[],
  words: DecisionWords = ENGLISH_DECISION_WORDS,
): TextMark[] {
  const conflicts = conflictingAmendments(amendments);
  return amendments
    .filter((a) => a.number && a.paragraphId)
    .map((a) => ({
      id: a.id,
      number: a.number!,
      paragraphId: a.paragraphId!,
      sponsor: a.sponsor.name,
      coSponsors: a.coSponsors.map((c) => c.name),
      status: a.status,
      kind: a.kind,
      rationale: a.rationale,
      segments: a.redline.segments,
      asAmended: a.kind === 'delete' ? '' : asAmended(a.redline.segments),
      conflict: conflicts.has(a.id) ? words.conflict(a.number!, conflicts.get(a.id)!) : null,
      decided: decidedHow(a, votes, words),
    }));
}
