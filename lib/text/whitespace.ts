/**
 * Whitespace that only lays text out: every Unicode space except the no-break ones
 * (U+00A0, U+2007, U+202F). Those keep "18 December 2008" or "100 000" together on one
 * line; they are part of the wording as adopted, so imports and exports keep them.
 */
const LAYOUT_SPACE = /[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000\ufeff]+/g;

/** Runs of layout whitespace become one space and the ends are trimmed; no-break spaces inside stay. */
export function collapseSpaces(s: string): string {
  return s.replace(LAYOUT_SPACE, ' ').trim();
}
