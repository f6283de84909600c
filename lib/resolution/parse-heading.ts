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

/** A General Assembly symbol and title: "78/233. Protection of coastal wetlands". */
const SYMBOL_TITLE = /^(\d{1,3}\/\d{1,4})\.\s+(\S.*)$/;
/** The Security Council's and the Council of Europe's: "Resolution 2799 (2025)". */
const NUMBERED_RESOLUTION = /^Resolution\s+(\d{1,5}\s*\(\d{4}\))[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]*$/i;

export function isSymbolTitleLine(line: string): boolean {
  return SYMBOL_TITLE.test(line);
}

/** "[on the report of the Second Committee (A/78/461)]" */
export function isReportLine(line: string): boolean {
  return /^\[.*\]$/.test(line) && line.length <= 300;
}

/** A line above the text that is never part of a paragraph: heading, place and date, symbol, report, formula. */
export function isFrontLine(line: string): boolean {
  return (
    isHeadingLine(line) ||
    isPlaceDateLine(line) ||
    isSymbolTitleLine(line) ||
    isReportLine(line) ||
    isEnactingFormula(line)
  );
}

/**
 * Cover lines of a printed document, above its heading: "United Nations", "General
 * Assembly", "Seventy-eighth session", "Agenda item 19", "Distr.: General", a document
 * symbol "A/RES/78/233", the Council of Europe's "Parliamentary Assembly" and "Assemblée
 * parlementaire". Skipped with a warning; they are not part of the resolution's text.
 */
const COVER: readonly RegExp[] = [
  /^United Nations$/i,
  /^(General Assembly|Security Council|Economic and Social Council)$/i,
  /^[\p{L}-]+\s+session$/iu,
  /^Agenda items?\s+[\d\s,()a-z-]+$/i,
  /^Distr\.?:?\s*\S.*$/i,
  /^[ASE]\/(RES\/)?[\d/A-Z.()\s-]+$/,
  /^(Parliamentary Assembly|Assemblée parlementaire|Council of Europe|Conseil de l'Europe)$/i,
  /^(Provisional|Final) version$/i,
  /^Inter-Parliamentary Union$/i,
];

export function isCoverLine(line: string): boolean {
  return COVER.some((re) => re.test(line));
}

/** Symbol and title from a symbol-and-title line or a numbered-resolution line; null parts when absent. */
export function readSymbolLine(line: string): { symbol: string; title: string | null } | null {
  const clean = line.replace(CALLOUTS, '').trim();
  const gaForm = SYMBOL_TITLE.exec(clean);
  if (gaForm) return { symbol: gaForm[1], title: gaForm[2].trim() };
  const numbered = NUMBERED_RESOLUTION.exec(line.trim());
  if (numbered) return { symbol: numbered[1].replace(/\s+/g, ' '), title: null };
  return null;
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
    /\bby\s+(?!consensus\b|acclamation\b|(?:a\s+)?(?:recorded\s+|roll-call\s+|secret\s+)?(?:vote|ballot)\b|a\s+show\b|\d)(?:the\s+)?(.+?)(?=\s*(?:[(,;]|$|\s(?:by|without|unanimously|on|at)\b))/gi;
  for (const m of text.matchAll(by)) if (m[1].trim()) return m[1].trim();
  return '';
}

function isoDate(day: number, monthName: string, year: number): string | null {
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "… adopted by the General Assembly on 14 December 2023": a date without a place. */
function dateAfterOn(text: string): { date?: string; badDate?: string } {
  const on = new RegExp(String.raw`\bon\s+(\d{1,2})\s+${MONTH}\s+(\d{4})\b`, 'i').exec(text);
  if (!on) return {};
  const date = isoDate(+on[1], on[2], +on[3]);
  return date ? { date } : { badDate: on[0].slice(3) };
}

/** Place and date from the last "(…, 1 April 2010)"; of a range, the last date is the adoption. */
function placeAndDate(text: string): { place?: string; date?: string; badDate?: string } {
  const group = [...text.matchAll(/\(([^()]*\d{4}[^()]*)\)/g)].pop()?.[1];
  if (!group) return dateAfterOn(text);
  const dates = [
    ...[...group.matchAll(DAY_MONTH_YEAR)].map((m) => ({ at: m.index, raw: m[0], d: +m[1], mo: m[2], y: +m[3] })),
    ...[...group.matchAll(MONTH_DAY_YEAR)].map((m) => ({ at: m.index, raw: m[0], d: +m[2], mo: m[1], y: +m[3] })),
  ].sort((a, b) => a.at - b.at);
  if (dates.length === 0) return dateAfterOn(text);
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
  /** The adoption the heading records; `method` null when it says "adopted" but not how. */
  adoption: (Omit<AdoptionRecord, 'method'> & { method: AdoptionMethod | null }) | null;
  /** Things a reader should check, without line numbers (the caller adds them). */
  problems: string[];
}

/** Reads the adoption record from a heading; drafts and headings without "adopted" give null. */
export function readHeading(heading: string): HeadingReading {
  const text = heading.replace(CALLOUTS, '').replace(/\s+/g, ' ').trim();
  if (/^draft\b/i.test(text) || !/\badopted\b/i.test(text)) return { adoption: null, problems: [] };
  const method = methodOf(text.replace(/\([^()]*\d{4}[^()]*\)/g, ''));
  const problems: string[] = [];
  const body = bodyOf(text);
  if (!body) problems.push('the heading does not name the body that adopted the text ("… by the 122nd IPU Assembly")');
  const { place, date, badDate } = placeAndDate(text);
  if (badDate) problems.push(`"${badDate}" in the heading is not a valid date; no adoption date was recorded`);
  const adoption: HeadingReading['adoption'] = { method: method?.method ?? null, body };
  if (method?.votes) adoption.votes = method.votes;
  if (place) adoption.place = place;
  if (date) adoption.date = date;
  return { adoption, problems };
}

/** Vote counts stated anywhere ("by a recorded vote of 112 to 9, with 44 abstentions"), or null. */
export function readVoteCounts(text: string): Pick<AdoptionRecord, 'method' | 'votes'> | null {
  const method = methodOf(text.replace(CALLOUTS, ''));
  return method?.votes ? method : null;
}

/** "Text adopted by the Assembly on 24 January 2024": who adopted it and when, from a closing line. */
export function readAdoptionTrailer(text: string): { body: string; date?: string } | null {
  const m = new RegExp(
    String.raw`\b(?:Text\s+)?adopted\s+by\s+the\s+([\p{L} -]+?)\s+on\s+(\d{1,2})\s+${MONTH}\s+(\d{4})`,
    'iu',
  ).exec(text);
  if (!m) return null;
  const date = isoDate(+m[2], m[3], +m[4]);
  return { body: m[1].trim(), ...(date ? { date } : {}) };
}
