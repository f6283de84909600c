/**
 * The heading of a published resolution, in the IPU/UN form:
 *
 *   Resolution adopted by consensus* by the 122nd IPU Assembly
 *   (Bangkok, 1 April 2010)
 *
 * Method phrases (the footnote markers follow the phrase immediately):
 * - consensus:     "adopted by consensus"
 * - without_vote:  "adopted without a vote"
 * - recorded_vote: "adopted by a recorded vote", or with counts
 *                  "adopted by a recorded vote of 120 to 30, with 15 abstentions,"
 * - vote:          "adopted by 120 votes to 30, with 15 abstentions," or, without counts,
 *                  "adopted by a vote"
 * The abstentions clause is set off by commas, so its closing comma stays before "by the";
 * it is left out when there were none. Every form reads back with the import parser
 * (lib/resolution/parse-heading.ts), which the tests check.
 */
import type { AdoptionRecord } from '../resolution/types';
import { ENGLISH, type Wording } from './wording';

/** "2010-04-01" → "1 April 2010" (day month year, no leading zero); French "1er avril 2010". */
export function formatPublicationDate(iso: string, words: Wording = ENGLISH): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !date || date.getUTCMonth() !== +m[2] - 1 || date.getUTCDate() !== +m[3]) {
    throw new RangeError(`"${iso}" is not a date in the form YYYY-MM-DD`);
  }
  return `${words.day ? words.day(+m[3]) : +m[3]} ${words.months[+m[2] - 1]} ${m[1]}`;
}

const count = (n: number, words: Wording) => new Intl.NumberFormat(words.numberLocale).format(n);

function abstentions(abstain: number, words: Wording): string {
  if (abstain <= 0) return '';
  return words.methods.abstentions(count(abstain, words), abstain !== 1);
}

/** "by consensus", "without a vote", "by 120 votes to 30, with 15 abstentions,"… */
export function adoptionPhrase(adoption: AdoptionRecord, words: Wording = ENGLISH): string {
  const v = adoption.votes;
  switch (adoption.method) {
    case 'consensus':
      return words.methods.consensus;
    case 'without_vote':
      return words.methods.without_vote;
    case 'recorded_vote':
      return v
        ? `${words.methods.recordedVoteOf(count(v.yes, words), count(v.no, words))}${abstentions(v.abstain, words)}`
        : words.methods.recordedVote;
    case 'vote':
      return v
        ? `${words.methods.votesTo(count(v.yes, words), count(v.no, words), v.yes !== 1)}${abstentions(v.abstain, words)}`
        : words.methods.vote;
  }
}

/** "by the 122nd IPU Assembly"; a body already starting with "the" is not given a second one. */
function byBody(body: string, words: Wording): string {
  const name = body.replace(/\s+/g, ' ').trim();
  if (!name) return '';
  if (words.byBody) return words.byBody(name);
  return /^the\s/i.test(name) ? ` ${words.byThe.split(' ')[0]} ${name}` : ` ${words.byThe} ${name}`;
}

/**
 * The heading lines: the adoption line, then "(place, date)" when either is known (a
 * heading with neither is one line). `markers` are the footnote call-outs ("*", "*,**"),
 * '' when there are no footnotes.
 */
export function renderHeading(adoption: AdoptionRecord, markers: string, words: Wording = ENGLISH): string[] {
  const lines = [
    `${words.resolutionAdopted} ${adoptionPhrase(adoption, words)}${markers}${byBody(adoption.body, words)}`,
  ];
  const where = [
    adoption.place?.trim(),
    adoption.date ? formatPublicationDate(adoption.date, words) : undefined,
  ].filter(Boolean);
  if (where.length > 0) lines.push(`(${where.join(', ')})`);
  return lines;
}

/**
 * The heading of an imported adopted text, as printed: its call-outs ("*" where the print
 * had them) replaced by the footnotes' markers when they changed (a statement recorded or
 * withdrawn since), or added at the end of the first line when the print had none.
 */
export function printedHeading(lines: readonly string[], printedMarkers: string, markers: string): string[] {
  if (markers === printedMarkers) return [...lines];
  const at = printedMarkers ? lines.findIndex((l) => l.includes(printedMarkers)) : -1;
  if (at < 0) return lines.map((l, i) => (i === 0 ? `${l}${markers}` : l));
  return lines.map((l, i) => (i === at ? l.replace(printedMarkers, markers) : l));
}
