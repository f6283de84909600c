/**
 * The words a published text is made of, in one table per language, so that a French (or
 * any other) catalogue is one more table: the heading's adoption phrases and the
 * footnotes' sentences. English, as the IPU and the UN print it.
 */
import type { AdoptionMethod, ParagraphRef, ReservationKind, SubparagraphNumbering } from '../resolution/types';

export interface Wording {
  /** BCP 47 code of the language this table writes. */
  language: string;
  /** For numbers in counts ("1,200" / "1 200"). */
  numberLocale: string;
  /** "Resolution adopted" {method}{markers} "by the" {body} */
  resolutionAdopted: string;
  byThe: string;
  methods: Record<Exclude<AdoptionMethod, 'vote' | 'recorded_vote'>, string> & {
    vote: string;
    recordedVote: string;
    /** "by 120 votes to 30" */
    votesTo: (yes: string, no: string, plural: boolean) => string;
    /** "by a recorded vote of 120 to 30" */
    recordedVoteOf: (yes: string, no: string) => string;
    /** ", with 15 abstentions," */
    abstentions: (count: string, plural: boolean) => string;
  };
  months: readonly string[];
  /** "The delegation of" / "The delegations of" */
  delegationOf: { one: string; several: string };
  /** Repeated before each name after the first ("de Cuba et de Israël", tidied to "d’Israël"). */
  ofEach?: string;
  /** What each kind of statement does, for one delegation and for several. */
  verbs: Record<ReservationKind, { one: string; several: string }>;
  wholeText: string;
  preambularParagraph: string;
  operativeParagraph: string;
  /** The last separator of a list of names: " and ". */
  and: string;
  /** "1" → "1" (English), "1er" (French): the day of the month as printed. */
  day?: (day: number) => string;
  /** " by the 122nd IPU Assembly": the body after the adoption phrase (English: `byThe`). */
  byBody?: (name: string) => string;
  /** A place named in prose, when the language does not write it "<kind> paragraph <n>". */
  place?: (ref: ParagraphRef, numbering: SubparagraphNumbering) => string;
  /** Last touches of a sentence: French contracts "de le" to "du". */
  tidy?: (sentence: string) => string;
}

export const ENGLISH: Wording = {
  language: 'en',
  numberLocale: 'en-US',
  resolutionAdopted: 'Resolution adopted',
  byThe: 'by the',
  methods: {
    consensus: 'by consensus',
    without_vote: 'without a vote',
    vote: 'by a vote',
    recordedVote: 'by a recorded vote',
    votesTo: (yes, no, plural) => `by ${yes} ${plural ? 'votes' : 'vote'} to ${no}`,
    recordedVoteOf: (yes, no) => `by a recorded vote of ${yes} to ${no}`,
    abstentions: (count, plural) => `, with ${count} ${plural ? 'abstentions' : 'abstention'},`,
  },
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  delegationOf: { one: 'The delegation of', several: 'The delegations of' },
  verbs: {
    reservation: { one: 'expressed a reservation on', several: 'expressed reservations on' },
    dissociation: { one: 'dissociated itself from', several: 'dissociated themselves from' },
    interpretative_statement: {
      one: 'made an interpretative statement on',
      several: 'made interpretative statements on',
    },
  },
  wholeText: 'the resolution as a whole',
  preambularParagraph: 'preambular paragraph',
  operativeParagraph: 'operative paragraph',
  and: ' and ',
};
