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

const MONTHS = [
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
];

/** "2010-04-01" → "1 April 2010" (day month year, English month names, no leading zero). */
export function formatPublicationDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !date || date.getUTCMonth() !== +m[2] - 1 || date.getUTCDate() !== +m[3]) {
    throw new RangeError(`"${iso}" is not a date in the form YYYY-MM-DD`);
  }
  return `${+m[3]} ${MONTHS[+m[2] - 1]} ${m[1]}`;
}

const countFormat = new Intl.NumberFormat('en-US');
const count = (n: number) => countFormat.format(n);

function abstentions(abstain: number): string {
  if (abstain <= 0) return '';
  return `, with ${count(abstain)} ${abstain === 1 ? 'abstention' : 'abstentions'},`;
}

/** "by consensus", "without a vote", "by 120 votes to 30, with 15 abstentions,"… */
export function adoptionPhrase(adoption: AdoptionRecord): string {
  const v = adoption.votes;
  switch (adoption.method) {
    case 'consensus':
      return 'by consensus';
    case 'without_vote':
      return 'without a vote';
    case 'recorded_vote':
      return v
        ? `by a recorded vote of ${count(v.yes)} to ${count(v.no)}${abstentions(v.abstain)}`
        : 'by a recorded vote';
    case 'vote':
      return v
        ? `by ${count(v.yes)} ${v.yes === 1 ? 'vote' : 'votes'} to ${count(v.no)}${abstentions(v.abstain)}`
        : 'by a vote';
  }
}

/** "by the 122nd IPU Assembly"; a body already starting with "the" is not given a second one. */
function byBody(body: string): string {
  const name = body.replace(/\s+/g, ' ').trim();
  if (!name) return '';
  return /^the\s/i.test(name) ? ` by ${name}` : ` by the ${name}`;
}

/**
 * The heading lines: the adoption line, then "(place, date)" when either is known (a
 * heading with neither is one line). `markers` are the footnote call-outs ("*", "*,**"),
 * '' when there are no footnotes.
 */
export function renderHeading(adoption: AdoptionRecord, markers: string): string[] {
  const lines = [`Resolution adopted ${adoptionPhrase(adoption)}${markers}${byBody(adoption.body)}`];
  const where = [adoption.place?.trim(), adoption.date ? formatPublicationDate(adoption.date) : undefined].filter(
    Boolean,
  );
  if (where.length > 0) lines.push(`(${where.join(', ')})`);
  return lines;
}
