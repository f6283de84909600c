/**
 * A resolution written back as plain text in the layout of the published IPU texts, for
 * `export --format text` of drafts and for round-trip tests of the import parser:
 *
 *   heading line(s)
 *
 *   The 122nd Assembly of the Inter-Parliamentary Union,
 *
 *   Recalling …,
 *
 *     1. Fully affirms …;
 *
 *         (a) …;
 *
 * parseResolutionText(renderDraftText(x)) gives back the same kinds and texts, with two
 * limits that follow from plain text itself: empty paragraphs (possible mid-edit) are left
 * out, and line breaks inside a paragraph become spaces.
 */
import { numberParagraphs } from './numbering';
import type { Paragraph, SubparagraphNumbering } from './types';

/** Indents as in the example: operative numbers at 2 spaces, sub-paragraph letters at 6. */
const OPERATIVE_INDENT = '  ';
const SUBPARAGRAPH_INDENT = '      ';
const ITEM_INDENT = '          ';

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export function renderDraftText(r: {
  heading?: string | null;
  enactingFormula?: string | null;
  paragraphs: Paragraph[];
  subparagraphNumbering?: SubparagraphNumbering;
}): string {
  const blocks: string[] = [];
  const heading = r.heading
    ?.split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
  if (heading) blocks.push(heading);
  const formula = r.enactingFormula ? oneLine(r.enactingFormula) : '';
  if (formula) blocks.push(formula);
  // Numbered from the paragraphs kept, so the printed numbers run 1, 2, 3… without gaps.
  const kept = r.paragraphs.filter((p) => oneLine(p.text) !== '');
  for (const p of numberParagraphs(kept, r.subparagraphNumbering)) {
    const text = oneLine(p.text);
    if (p.kind === 'preambular') blocks.push(text);
    else if (p.kind === 'operative') blocks.push(`${OPERATIVE_INDENT}${p.printedNumber} ${text}`);
    else if (p.kind === 'subparagraph') blocks.push(`${SUBPARAGRAPH_INDENT}${p.printedNumber} ${text}`);
    else blocks.push(`${ITEM_INDENT}${p.printedNumber} ${text}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
