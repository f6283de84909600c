import type { NumberedParagraph, Paragraph, ParagraphRef, SubparagraphNumbering } from './types';

/** "a", "b", … "z", "aa", "bb" — the way sub-paragraphs are lettered in UN/IPU texts. */
export function subParagraphLetter(ordinal: number): string {
  const letter = String.fromCharCode(97 + ((ordinal - 1) % 26));
  return letter.repeat(Math.floor((ordinal - 1) / 26) + 1);
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
  return paragraphs.map((p) => {
    if (p.kind === 'preambular') {
      pp += 1;
      return { ...p, ordinal: pp, label: `PP ${pp}`, printedNumber: '' };
    }
    if (p.kind === 'operative') {
      op += 1;
      sub = 0;
      return { ...p, ordinal: op, label: `OP ${op}`, printedNumber: `${op}.` };
    }
    sub += 1;
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
  // "operative paragraph 2 (b)"; in decimal numbering "operative paragraph 3.1".
  return p.printedNumber.startsWith('(')
    ? `operative paragraph ${p.parentOrdinal} ${p.printedNumber}`
    : `operative paragraph ${p.label}`;
}

/** "operative paragraph 2 (b)", "preambular paragraph 3": a place as a footnote names it. */
export function describePlace(ref: ParagraphRef, numbering: SubparagraphNumbering = 'letter'): string {
  switch (ref.kind) {
    case 'resolution':
      return 'the resolution as a whole';
    case 'preambular':
      return `preambular paragraph ${ref.number}`;
    case 'operative':
      return `operative paragraph ${ref.number}`;
    case 'subparagraph':
      return numbering === 'decimal'
        ? `operative paragraph ${ref.number}.${ref.letter}`
        : `operative paragraph ${ref.number} (${ref.letter})`;
  }
}
