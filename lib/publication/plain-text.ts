/**
 * The published document as plain text, in the layout of the IPU's published texts
 * (data/ipu-122nd-assembly-resolution.txt):
 *
 *   Resolution adopted by consensus* by the 122nd IPU Assembly
 *   (Bangkok, 1 April 2010)
 *
 *   The 122nd Assembly of the Inter-Parliamentary Union,
 *
 *   Cognizant of …,
 *
 *     1. Fully affirms …;
 *
 *         (a) …;
 *
 *   * The delegation of Iran (Islamic Rep. of) expressed a reservation on …
 *
 * Blocks are separated by one blank line; the file ends with a newline. The import parser
 * reads this layout back (the tests check it), so a published text can be re-imported.
 */
import type { PublishedDocument } from './types';

/** Indents as in the example: operative numbers at 2 spaces, sub-paragraph letters at 6. */
const OPERATIVE_INDENT = '  ';
const SUBPARAGRAPH_INDENT = '      ';
const ITEM_INDENT = '          ';

export function renderPublishedText(doc: PublishedDocument): string {
  const blocks: string[] = [];
  if (doc.headingLines.length > 0) blocks.push(doc.headingLines.join('\n'));
  if (doc.enactingFormula) blocks.push(doc.enactingFormula);
  blocks.push(...doc.preambular);
  for (const op of doc.operative) {
    blocks.push(`${OPERATIVE_INDENT}${op.number}. ${op.text}`);
    for (const sub of op.subparagraphs) {
      blocks.push(`${SUBPARAGRAPH_INDENT}${sub.label} ${sub.text}`);
      for (const item of sub.items) blocks.push(`${ITEM_INDENT}${item.label} ${item.text}`);
    }
  }
  blocks.push(...doc.trailer, ...doc.footnotes);
  return `${blocks.join('\n\n')}\n`;
}
