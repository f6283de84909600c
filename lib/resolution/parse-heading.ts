/**
 * The heading ("Resolution adopted by consensus* by the 122nd IPU Assembly" / "(Bangkok,
 * 1 April 2010)") and what it records about the adoption: method, vote counts, body, place
 * and date. Only English headings in the UN/IPU style are read; anything else is kept as
 * printed with `adoption: null` and a warning when it says "adopted" but not how.
 */
import type { AdoptionMethod, AdoptionRecord } from './types';

/** Footnote call-outs in the heading ("consensus*") are printed but carry no meaning here. */
const CALLOUTS = /[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]/g;
const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
const ABSTENTIONS = String.raw`(?:\s+against)?(?:,?\s+(?:with|and)\s+(${NUM.slice(1, -1)}|no|none)\s+abstentions?)?`;
/** "by a recorded vote of 120 to 5, with 10 abstentions" */
const VOTE_OF = new RegExp(
  String.raw`\ba\s+(recorded\s+|roll-call\s+)?vote\s+of\s+${NUM}\s+(?:votes\s+)?(?:in\s+favour\s+)?to\s+${NUM}${ABSTENTIONS}`,
  'i',
);
/** "by 1,089 votes to 96, with 235 abstentions" */
const VOTES_TO = new RegExp(
  String.raw`\bby\s+${NUM}\s+votes?\s+(?:in\s+favour\s+)?(?:to|against)\s+${NUM}${ABSTENTIONS}`,
  'i',
);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`;
const DAY_MONTH_YEAR = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH}\s+(\d{4})\b`, 'gi');
/** Where the dates start, year or not: "1 April", "26-28 March", "April 1". */
const FIRST_DAY = new RegExp(
  String.raw`\b(?:\d{1,2}\s*[-–—]\s*)?\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}|\b${MONTH}\s+\d{1,2}\b`,
  'i',
);
const MONTH_DAY_YEAR = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'gi');

/** A line of a heading: "Resolution …", "Draft resolution …", "Adopted by consensus …". */
export function isHeadingLine(line: string): boolean {
  return /^(draft\s+)?resolutions?\b|^adopted\s+(by|without|unanimously)\b/i.test(line) && !/[,;]$/.test(line);
}

/** "(Bangkok, 1 April 2010)" on its own. */
export function isPlaceDateLine(line: string): boolean {
  return /^\([^()]*\d{4}[^()]*\)$/.test(line);
}

/**
 * A title above the heading or formula ("COMBATING TRANSNATIONAL ORGANIZED CRIME"): short,
 * capitalised and without the trailing punctuation every paragraph has.
 */
export function isTitleLine(text: string): boolean {
  return text.length <= 200 && /^[\p{Lu}\p{N}"“]/u.test(text) && !/[,;:.]$/.test(text);
}

/**
 * "The 122nd Assembly of the Inter-Parliamentary Union,", "The General Assembly,", and the
 * rarer "We, the members of …,": one short line (≤ 120 characters) ending with a comma.
 */
export function isEnactingFormula(text: string): boolean {
  return text.length <= 120 && /^(The|We)\b.*,$/.test(text) && !/^The\s+delegations?\b/i.test(text);
}

function countOf(s: string | undefined): number {
  if (!s || /^(no|none)$/i.test(s)) return 0;
  return Number(s.replace(/,/g, ''));
}

function methodOf(text: string): Pick<AdoptionRecord, 'method' | 'votes'> | null {
  if (/\bwithout\s+(a\s+)?vote\b/i.test(text)) return { method: 'without_vote' };
  // "Unanimously" and "by acclamation" record no votes cast against: read as consensus.
  if (/\bby\s+(consensus|acclamation)\b|\bunanimously\b/i.test(text)) return { method: 'consensus' };
  const method: AdoptionMethod = /\b(recorded|roll-call)\s+vote\b/i.test(text) ? 'recorded_vote' : 'vote';
  const voteOf = VOTE_OF.exec(text);
  const counts = voteOf ? voteOf.slice(2, 5) : VOTES_TO.exec(text)?.slice(1, 4);
  if (counts)
    return { method, votes: { yes: countOf(counts[0]), no: countOf(counts[1]), abstain: countOf(counts[2]) } };
  if (method === 'recorded_vote') return { method };
  if (/\bby\s+(a\s+)?(secret\s+)?(vote|ballot|show\s+of\s+hands)\b/i.test(text)) return { method: 'vote' };
  return null;
}

/** "by the 122nd IPU Assembly" — the "by" that is not the method ("by consensus", "by 96 votes"). */
function bodyOf(text: string): string {
  const by =
    /\bby\s+(?!consensus\b|acclamation\b|(?:a\s+)?(?:recorded\s+|roll-call\s+|secret\s+)?(?:vote|ballot)\b|a\s+show\b|\d)(?:the\s+)?(.+?)(?=\s*(?:[(,;]|$|\s(?:by|without|unanimously)\b))/gi;
  for (const m of text.matchAll(by)) if (m[1].trim()) return m[1].trim();
  return '';
}

function isoDate(day: number, monthName: string, year: number): string | null {
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Place and date from the last "(…, 1 April 2010)"; of a range, the last date is the adoption. */
function placeAndDate(text: string): { place?: string; date?: string; badDate?: string } {
  const group = [...text.matchAll(/\(([^()]*\d{4}[^()]*)\)/g)].pop()?.[1];
  if (!group) return {};
  const dates = [
    ...[...group.matchAll(DAY_MONTH_YEAR)].map((m) => ({ at: m.index, raw: m[0], d: +m[1], mo: m[2], y: +m[3] })),
    ...[...group.matchAll(MONTH_DAY_YEAR)].map((m) => ({ at: m.index, raw: m[0], d: +m[2], mo: m[1], y: +m[3] })),
  ].sort((a, b) => a.at - b.at);
  if (dates.length === 0) return {};
  const last = dates[dates.length - 1];
  // The place is what precedes the first date-like part: "Geneva, 26 March – 1 April 2010".
  const firstDateAt = group.search(FIRST_DAY);
  const place = group
    .slice(0, firstDateAt >= 0 ? firstDateAt : dates[0].at)
    .replace(/[\s,;:–—-]+$/, '')
    .trim();
  const date = isoDate(last.d, last.mo, last.y);
  return { place: place || undefined, ...(date ? { date } : { badDate: last.raw }) };
}

export interface HeadingReading {
  adoption: AdoptionRecord | null;
  /** Things a reader should check, without line numbers (the caller adds them). */
  problems: string[];
}

/** Reads the adoption record from a heading; drafts and headings without "adopted" give null. */
export function readHeading(heading: string): HeadingReading {
  const text = heading.replace(CALLOUTS, '').replace(/\s+/g, ' ').trim();
  if (/^draft\b/i.test(text) || !/\badopted\b/i.test(text)) return { adoption: null, problems: [] };
  const method = methodOf(text.replace(/\([^()]*\d{4}[^()]*\)/g, ''));
  if (!method) {
    return {
      adoption: null,
      problems: [
        'the heading says the text was adopted but not how (by consensus, by a vote, by a recorded vote or without a vote); no adoption was recorded',
      ],
    };
  }
  const problems: string[] = [];
  const body = bodyOf(text);
  if (!body) problems.push('the heading does not name the body that adopted the text ("… by the 122nd IPU Assembly")');
  const { place, date, badDate } = placeAndDate(text);
  if (badDate) problems.push(`"${badDate}" in the heading is not a valid date; no adoption date was recorded`);
  const adoption: AdoptionRecord = { ...method, body };
  if (place) adoption.place = place;
  if (date) adoption.date = date;
  return { adoption, problems };
}
