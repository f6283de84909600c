/**
 * Line-level reading for the import parser: whitespace, page furniture, and text that is
 * plainly not resolution prose. Everything here looks at one line at a time.
 */
import { collapseSpaces } from '../text/whitespace';

/** One line of the input, whitespace normalised, with its 1-based number in the original. */
export interface SourceLine {
  n: number;
  text: string;
}

/**
 * Layout whitespace (tabs, Unicode spaces, the BOM) becomes one plain space; runs collapse;
 * ends are trimmed. No-break spaces inside a line, quotes, dashes and all other characters
 * stay as printed: they are part of the adopted wording.
 */
export function normaliseWhitespace(s: string): string {
  return collapseSpaces(s);
}

export function sourceLines(text: string): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => ({ n: i + 1, text: normaliseWhitespace(raw) }));
}

/**
 * Page furniture from PDF or web copies: logos, the IPU's address, download notes and page
 * numbers. The patterns are deliberately narrow (anchored, and never a line ending in "," or
 * ";" as a paragraph would) so that a paragraph mentioning Geneva or a logo is never dropped.
 */
const FURNITURE: readonly RegExp[] = [
  /^(\S+\s)?Logo\b/,
  /^(IPU\s+)?(Logo\S*\s*)?Chemin du Pommier\b/i,
  /\bC\.P\.\s*\d+,\s*CH-\d{4}\b/,
  /^(CH-\d{4}\s+)?Le Grand-Saconnex\b.{0,60}$/i,
  /^Geneva,?\s+Switzerland\.?$/i,
  /^(Tel|Tél|Telephone|Phone|Fax|Telefax|E-?mail|Web(site)?)\.?\s*:.{0,160}$/i,
  /^Note: you can download\b/i,
  /\bGet (Adobe )?Acrobat Reader\.?$/i,
  /^[-–—]\s*\d{1,4}\s*[-–—]$/, // "- 2 -"
  /^Page\s+\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i, // "Page 3", "Page 3 of 7"
  /^\d{1,4}(\s*\/\s*\d{1,4})?$/, // a lone page number, "3/7"
];

export function isFurniture(line: string): boolean {
  if (/[,;]$/.test(line)) return false;
  return FURNITURE.some((re) => re.test(line));
}

/**
 * Lines that are code, data or correspondence rather than resolution text. Each pattern
 * needs code punctuation, not just a keyword: a wrapped paragraph line may well begin with
 * "return of refugees" or "export controls".
 */
const NOT_RESOLUTION_TEXT: readonly { re: RegExp; what: string }[] = [
  { re: /^[{}]|[{[]$/, what: 'code or JSON' },
  { re: /^"[^"]*"\s*:\s*\S/, what: 'JSON' },
  { re: /^(const|let|var)\s+[\w$]+\s*=/, what: 'code' },
  { re: /^(import|export)\b.*\bfrom\s+['"]|^import\s+['"{*]/, what: 'code' },
  { re: /^(async\s+)?function\s*[\w$]*\s*\(|^def\s+\w+\s*\(.*\)\s*:|^class\s+\w+.*[:{]$/, what: 'code' },
  { re: /^#include\s*[<"]|^#!\//, what: 'code' },
  { re: /=>|===|!==/, what: 'code' },
  { re: /\b[a-z_$][\w$]*\.[a-z_$][\w$]*\(.*\)\s*;?$/i, what: 'code' },
  { re: /<\/?[a-z][a-z0-9-]*(\s+[a-z-]+(=("[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/i, what: 'HTML or XML markup' },
  { re: /^#{1,6}\s/, what: 'a Markdown heading' },
  { re: /^(SELECT\s.+\sFROM|INSERT INTO|DELETE FROM|CREATE TABLE)\s/, what: 'SQL' },
  { re: /^(From|To|Cc|Bcc|Subject|Sent|Date|Reply-To):\s/i, what: 'an e-mail header' },
  {
    re: /^(Dear|Hi|Hello)\b[^,]{0,60},$|^((Best|Kind|Warm)\s+)?regards[,.!]?$|^(Sincerely|Cheers|Thanks|Thank you)[,.!]?$/i,
    what: 'a letter or e-mail',
  },
];

const CODE_LINE_LIMIT = 500;

/** What the line looks like when it is plainly not resolution text ("code"), else null. */
export function notResolutionText(line: string): string | null {
  // Code is written in short lines; looking at the start of a long one keeps this linear.
  const start = line.length > CODE_LINE_LIMIT ? line.slice(0, CODE_LINE_LIMIT) : line;
  return NOT_RESOLUTION_TEXT.find(({ re }) => re.test(start))?.what ?? null;
}
