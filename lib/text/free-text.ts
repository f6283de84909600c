import { z } from 'zod';

/**
 * Text a person typed or pasted, as the API accepts it: every free-text field of every
 * request schema (names, reservations, amendments' wording and rationale, reasons, imported
 * text, ids given as text) is `freeText()`. Characters that no written text holds are
 * refused with a 400 naming the field, instead of reaching the database (PostgreSQL refuses
 * NUL with an error, a lone surrogate is silently turned into U+FFFD on its way in) or a
 * printed document:
 *
 * - C0 control characters other than tab and line feed (a carriage return only as part of a
 *   CR LF line end), DEL and the C1 controls U+0080–U+009F;
 * - lone UTF-16 surrogates (half of a character that JSON's \uD83D escape can still send);
 * - the noncharacters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane.
 */
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF]|\r(?!\n)|\p{Noncharacter_Code_Point}|\p{Surrogate}/u;

/** The first character `text` may not hold, or null: its code point and where (1-based). */
export function findInvalidCharacter(text: string): { codePoint: string; position: number } | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  const code = match[0].codePointAt(0) ?? 0;
  // Position in characters as a person counts them (a surrogate pair is one).
  const position = [...text.slice(0, match.index)].length + 1;
  return { codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, position };
}

export function describeInvalidCharacter(found: { codePoint: string; position: number }): string {
  return `Contains the character ${found.codePoint} at position ${found.position}, which text may not hold (control characters other than tab and line breaks, lone surrogates and noncharacters are refused).`;
}

/** A zod string that refuses invalid characters; chain .trim(), .min(), .max() as usual. */
export function freeText() {
  return z.string().check((ctx) => {
    const found = findInvalidCharacter(ctx.value);
    if (found) ctx.issues.push({ code: 'custom', message: describeInvalidCharacter(found), input: ctx.value });
  });
}
