import type { NumberedParagraph, Paragraph } from './types';

/** "a", "b", … "z", "aa", "bb" — the way sub-paragraphs are lettered in UN/IPU texts. */
export function subParagraphLetter(ordinal: number): string {
  const letter = String.fromCharCode(97 + ((ordinal - 1) % 26));
  return letter.repeat(Math.floor((ordinal - 1) / 26) + 1);
}

/**
 * Numbers are computed from position, never stored: PP 1…n, OP 1…m, and sub-paragraphs
 * (a), (b)… restarting under each operative paragraph. A sub-paragraph before any operative
 * paragraph (possible mid-edit) is numbered under "OP 0" rather than dropped.
 */
export function numberParagraphs(paragraphs: readonly Paragraph[]): NumberedParagraph[] {
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
  return `operative paragraph ${p.parentOrdinal} ${p.printedNumber}`;
}
