import { ENGLISH, type Wording } from '../publication/wording';
import type { NumberedParagraph, Paragraph, ParagraphRef, SubparagraphNumbering } from './types';

/** "a", "b", … "z", "aa", "bb" — the way sub-paragraphs are lettered in UN/IPU texts. */
export function subParagraphLetter(ordinal: number): string {
  const letter = String.fromCharCode(97 + ((ordinal - 1) % 26));
  return letter.repeat(Math.floor((ordinal - 1) / 26) + 1);
}

/** "i", "ii", "iii", "iv" … — sub-sub-paragraphs, in lower-case Roman numerals. */
export function romanNumeral(ordinal: number): string {
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let n = ordinal;
  let out = '';
  for (const [value, numeral] of table) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}

/** A sub-sub-paragraph's printed label without brackets: "ii", or "1" in decimal numbering. */
export function itemLabel(ordinal: number, numbering: SubparagraphNumbering = 'letter'): string {
  return numbering === 'decimal' ? String(ordinal) : romanNumeral(ordinal);
}

/** A sub-paragraph's printed label without brackets: "b" for the second, or "2" in decimal numbering. */
export function subParagraphLabel(ordinal: number, numbering: SubparagraphNumbering = 'letter'): string {
  return numbering === 'decimal' ? String(ordinal) : subParagraphLetter(ordinal);
}

/**
 * Numbers are computed from position, never stored: PP 1…n, OP 1…m, and sub-paragraphs
 * (a), (b)… (or 3.1, 3.2… in decimal numbering) restarting under each operative paragraph.
 * A sub-paragraph before any operative paragraph (possible mid-edit) is numbered under
 * "OP 0" rather than dropped.
 */
export function numberParagraphs(
  paragraphs: readonly Paragraph[],
  numbering: SubparagraphNumbering = 'letter',
): NumberedParagraph[] {
  let pp = 0;
  let op = 0;
  let sub = 0;
  let item = 0;
  return paragraphs.map((p) => {
    if (p.kind === 'preambular') {
      pp += 1;
      return { ...p, ordinal: pp, label: `PP ${pp}`, printedNumber: '' };
    }
    if (p.kind === 'operative') {
      op += 1;
      sub = 0;
      item = 0;
      return { ...p, ordinal: op, label: `OP ${op}`, printedNumber: `${op}.` };
    }
    if (p.kind === 'subsubparagraph') {
      item += 1;
      const base = { ...p, ordinal: item, parentOrdinal: op, subOrdinal: sub };
      if (numbering === 'decimal') {
        return { ...base, label: `${op}.${sub}.${item}`, printedNumber: `${op}.${sub}.${item}.` };
      }
      const numeral = romanNumeral(item);
      return { ...base, label: `${op} (${subParagraphLetter(sub)}) (${numeral})`, printedNumber: `(${numeral})` };
    }
    sub += 1;
    item = 0;
    if (numbering === 'decimal') {
      return { ...p, ordinal: sub, parentOrdinal: op, label: `${op}.${sub}`, printedNumber: `${op}.${sub}.` };
    }
    const letter = subParagraphLetter(sub);
    return {
      ...p,
      ordinal: sub,
      parentOrdinal: op,
      label: `${op} (${letter})`,
      printedNumber: `(${letter})`,
    };
  });
}

/** The label of one paragraph by stable id, or null when it no longer exists. */
export function labelOf(paragraphs: readonly Paragraph[], id: string): string | null {
  return numberParagraphs(paragraphs).find((p) => p.id === id)?.label ?? null;
}

/** Words used when a paragraph is named in prose ("operative paragraph 8"). */
export function describeParagraph(p: NumberedParagraph): string {
  if (p.kind === 'preambular') return `preambular paragraph ${p.ordinal}`;
  if (p.kind === 'operative') return `operative paragraph ${p.ordinal}`;
  // "operative paragraph 2 (b)", "2 (b) (ii)"; in decimal numbering "operative paragraph 3.1".
  return `operative paragraph ${p.label}`;
}

/** "operative paragraph 2 (b)", "preambular paragraph 3": a place as a footnote names it. */
export function describePlace(
  ref: ParagraphRef,
  numbering: SubparagraphNumbering = 'letter',
  words: Wording = ENGLISH,
): string {
  if (words.place) return words.place(ref, numbering);
  const op = words.operativeParagraph;
  switch (ref.kind) {
    case 'resolution':
      return words.wholeText;
    case 'preambular':
      return `${words.preambularParagraph} ${ref.number}`;
    case 'operative':
      return `${op} ${ref.number}`;
    case 'subparagraph':
      return numbering === 'decimal' ? `${op} ${ref.number}.${ref.letter}` : `${op} ${ref.number} (${ref.letter})`;
    case 'subsubparagraph':
      return numbering === 'decimal'
        ? `${op} ${ref.number}.${ref.letter}.${ref.item}`
        : `${op} ${ref.number} (${ref.letter}) (${ref.item})`;
  }
}

/** The place of a numbered paragraph, by its printed numbers (null: the whole text). */
export function placeOf(p: NumberedParagraph | null, numbering: SubparagraphNumbering = 'letter'): ParagraphRef {
  if (!p) return { kind: 'resolution' };
  const number = p.parentOrdinal ?? 0;
  if (p.kind === 'subparagraph')
    return { kind: 'subparagraph', number, letter: subParagraphLabel(p.ordinal, numbering) };
  if (p.kind === 'subsubparagraph') {
    const letter = subParagraphLabel(p.subOrdinal ?? 0, numbering);
    return { kind: 'subsubparagraph', number, letter, item: itemLabel(p.ordinal, numbering) };
  }
  return { kind: p.kind, number: p.ordinal };
}
