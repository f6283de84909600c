/**
 * Footnotes that record reservations, in the UN/IPU style:
 *   "The delegation of Iran (Islamic Rep. of) expressed a reservation on operative
 *    paragraph 8 in relation to the concept of "gender equality"."
 *
 * Conventions:
 * - One ParsedReservation per delegation and per operative paragraph named: "The delegations
 *   of A and B expressed reservations on operative paragraphs 3 and 8" gives four, unless
 *   the footnote says "respectively" and the counts match, which pairs them in order.
 * - `text` is the wording after the paragraph reference, with a leading comma and "of the
 *   resolution" dropped, final full stop kept; '' when nothing follows the reference.
 * - "the resolution as a whole", "the entire resolution", "the resolution" → the whole text.
 *   "operative paragraph 2 (b)" (or "3.1" in Council of Europe numbering) is the
 *   sub-paragraph itself, never widened to its operative paragraph; "preambular paragraph
 *   3" is that preambular paragraph: a statement keeps the exact place it names.
 * - The delegation is the name after "The delegation(s) of" (a leading "the" dropped), or
 *   the whole subject when the sentence starts with the country ("Cuba expressed …").
 * - A footnote may hold several sentences, each read on its own.
 */
import type { ParagraphRef, ReservationKind } from './types';

/** One statement read from a footnote: who, what kind, on which place, in which words. */
export interface FootnoteStatement {
  delegation: string;
  kind: ReservationKind;
  target: ParagraphRef;
  text: string;
}

const ACTIONS: readonly { kind: ReservationKind; re: string }[] = [
  { kind: 'dissociation', re: String.raw`(?:wish(?:ed|es)\s+to\s+)?dis(?:as)?sociate[ds]?\s+(?:itself|themselves)` },
  {
    kind: 'interpretative_statement',
    re: String.raw`(?:made|delivered|entered|submitted|expressed)\s+(?:an?\s+|its\s+|their\s+)?interpretat?ive\s+statements?`,
  },
  {
    kind: 'reservation',
    re: String.raw`(?:expressed|entered|registered|lodged|made|placed|had)\s+(?:a\s+|an\s+|its\s+|their\s+)?(?:formal\s+|strong\s+)?reservations?`,
  },
];
const SENTENCE = new RegExp(
  String.raw`^(.+?)\s+(?:has\s+|have\s+|had\s+)?(?:${ACTIONS.map((a) => `(${a.re})`).join('|')})\s*(.*)$`,
  'i',
);
const PREPOSITION = String.raw`(?:on|to|from|regarding|concerning|about|with\s+(?:regard|respect)\s+to|in\s+respect\s+of|as\s+regards)`;
/** "8", "2 (b)", "3.1", and lists of them: "3 and 8", "2 (a), 2 (c) and 5". */
const ONE_NUMBER = String.raw`\d+(?:\s*\([a-z]+\)(?:\s*\([ivxlc]+\))?|\.\d+(?:\.\d+)?)?`;
const NUMBERS = String.raw`${ONE_NUMBER}(?:\s*(?:,\s*and|,|and|&)\s*${ONE_NUMBER})*`;
const OPERATIVE_REF = new RegExp(
  String.raw`^${PREPOSITION}\s+(?:the\s+)?(?:operative\s+paragraphs?|paragraphs?|OPs?)\s+(${NUMBERS})`,
  'i',
);
const PREAMBULAR_REF = new RegExp(
  String.raw`^${PREPOSITION}\s+(?:the\s+)?(?:preambular\s+paragraphs?|PPs?)\s+(${NUMBERS})`,
  'i',
);
const WHOLE_REF = new RegExp(
  String.raw`^${PREPOSITION}\s+(?:the\s+(?:draft\s+)?resolution\s+(?:as\s+a\s+whole|in\s+its\s+entirety)|the\s+(?:entire|whole)\s+(?:draft\s+)?(?:resolution|text)|the\s+text\s+as\s+a\s+whole|the\s+(?:draft\s+)?resolution|it)\b`,
  'i',
);
/** Names that contain "and" and must not be split into two delegations. */
const NAMES_WITH_AND = [
  'Antigua and Barbuda',
  'Bosnia and Herzegovina',
  'Saint Kitts and Nevis',
  'Saint Vincent and the Grenadines',
  'Sao Tome and Principe',
  'São Tomé and Príncipe',
  'Trinidad and Tobago',
  'Turks and Caicos Islands',
  'United Kingdom of Great Britain and Northern Ireland',
];
const GLUE = '\u0000';
const SEPARATOR = /,\s*and\s+|,\s*|\s+and\s+/y;

/** "A, B and C" → ["A", "B", "C"], splitting only outside parentheses. */
export function splitDelegations(subject: string): string[] {
  let s = subject.replace(/^(?:the\s+)?delegations?\s+of\s+/i, '').replace(/^the\s+/i, '');
  for (const name of NAMES_WITH_AND)
    s = s.replace(new RegExp(name.replace(/ and /, '\\s+and\\s+'), 'gi'), (m) => m.replace(/\s+and\s+/, GLUE));
  const names: string[] = [];
  let depth = 0;
  let from = 0;
  const cut = (to: number, skip: number) => {
    names.push(s.slice(from, to));
    from = to + skip;
  };
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '(') depth += 1;
    else if (s[i] === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    SEPARATOR.lastIndex = i;
    const sep = SEPARATOR.exec(s);
    if (sep) {
      cut(i, sep[0].length);
      i += sep[0].length - 1;
    }
  }
  cut(s.length, 0);
  return names
    .map((n) =>
      n
        .replace(GLUE, ' and ')
        .replace(/^the\s+/i, '')
        .trim(),
    )
    .filter(Boolean);
}

/** The places a list of numbers names: "2 (b)", "2 (b) (ii)", "3.1" and "3.1.2" are the (sub-)sub-paragraphs themselves. */
function placesIn(list: string, kind: 'operative' | 'preambular'): ParagraphRef[] {
  return [...list.matchAll(/(\d+)(?:\s*\(([a-z]+)\)(?:\s*\(([ivxlc]+)\))?|\.(\d+)(?:\.(\d+))?)?/gi)].map((m) => {
    const number = Number(m[1]);
    if (kind === 'preambular') return { kind, number };
    const letter = m[2]?.toLowerCase() ?? m[4];
    const item = m[3]?.toLowerCase() ?? m[5];
    if (letter && item) return { kind: 'subsubparagraph', number, letter, item };
    return letter ? { kind: 'subparagraph', number, letter } : { kind: 'operative', number };
  });
}

function tidy(rest: string): string {
  const t = rest
    .replace(/^\s*of\s+(?:the|this)\s+(?:draft\s+)?resolution\b/i, '')
    .replace(/^\s*[,;:]\s*/, '')
    .replace(/(^|,?\s+)respectively\b,?/i, '$1')
    .trim();
  return t === '.' ? '' : t;
}

function readSentence(sentence: string): FootnoteStatement[] | null {
  const m = SENTENCE.exec(sentence);
  if (!m) return null;
  const kindIndex = m.slice(2, 2 + ACTIONS.length).findIndex((g) => g !== undefined);
  const kind = ACTIONS[kindIndex].kind;
  const delegations = splitDelegations(m[1]);
  const after = m[2 + ACTIONS.length].trim();
  let places: ParagraphRef[] = [{ kind: 'resolution' }];
  let text = tidy(after);
  const op = OPERATIVE_REF.exec(after);
  const pp = op ? null : PREAMBULAR_REF.exec(after);
  const whole = op || pp ? null : WHOLE_REF.exec(after);
  if (op || pp) {
    places = op ? placesIn(op[1], 'operative') : placesIn((pp as RegExpExecArray)[1], 'preambular');
    text = tidy(after.slice((op ?? pp)![0].length));
  } else if (whole) {
    text = tidy(after.slice(whole[0].length));
  }
  const paired = /\brespectively\b/i.test(after) && delegations.length > 1 && delegations.length === places.length;
  return paired
    ? delegations.map((delegation, i) => ({ delegation, kind, target: places[i], text }))
    : delegations.flatMap((delegation) => places.map((target) => ({ delegation, kind, target, text })));
}

export interface FootnoteReading {
  statements: FootnoteStatement[];
  /** Sentences that do not record a reservation, dissociation or interpretative statement. */
  unread: string[];
}

/** Reads a footnote (its marker already removed). */
export function readFootnote(footnote: string): FootnoteReading {
  const sentences = footnote.split(/(?<=[.;])\s+(?=(?:The\s+)?delegations?\s+of\b)/i);
  const reading: FootnoteReading = { statements: [], unread: [] };
  for (const sentence of sentences) {
    const found = readSentence(sentence);
    if (found) reading.statements.push(...found);
    else reading.unread.push(sentence);
  }
  return reading;
}
