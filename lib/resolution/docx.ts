/**
 * A Word upload as plain text, so a .docx goes through the same parser as pasted text: one
 * paragraph per line, followed by a blank line.
 *
 * Word's automatic list numbering is not part of a paragraph's text, so the document is
 * read through mammoth's HTML, where numbered paragraphs become <ol>/<li>: an item of a
 * top-level numbered list is written "1.", "2.", … (an operative paragraph, to the parser)
 * and an item of a list inside it "(a)", "(b)", … (a sub-paragraph), exactly as a typed
 * number would be; the operative count runs on across lists. Bulleted lists keep no number.
 */
import mammoth from 'mammoth';
import { decodeEntities } from '../text/html-entities';
import { subParagraphLetter } from './numbering';

/** A .docx is a ZIP package, and every ZIP starts with "PK\x03\x04". */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function docxToText(bytes: Uint8Array): Promise<string> {
  if (!isZip(bytes)) {
    throw new Error(
      'this is not a .docx file (a Word document is a ZIP package, and this file is not one); save it as .docx, or paste the text',
    );
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer }));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`this is not a valid .docx file (${reason})`);
  }
  return listHtmlToText(html);
}

/**
 * mammoth's HTML (paragraphs, headings, lists, tables; no scripts or styles) as the
 * parser's text layout. Only the block structure matters; inline tags are dropped.
 */
export function listHtmlToText(html: string): string {
  const lines: string[] = [];
  const lists: { ordered: boolean; count: number }[] = [];
  // Operative numbering runs on across top-level lists (Word continues one list through
  // an interrupting paragraph; mammoth starts a new <ol>), as the parser expects 1, 2, 3…
  let operatives = 0;
  let current = '';
  const emit = () => {
    const text = decodeEntities(current).replace(/\s+/g, ' ').trim();
    current = '';
    if (text) lines.push(text);
  };
  const numberFor = () => {
    // Numbered only inside ordered lists; depth 1 → "1.", depth 2 and deeper → "(a)".
    const list = lists.at(-1);
    if (!list?.ordered) return '';
    const depth = lists.filter((l) => l.ordered).length;
    return depth === 1 ? `${++operatives}. ` : `(${subParagraphLetter(list.count)}) `;
  };
  for (const [token, closing, tag] of html.matchAll(/<(\/?)([a-z0-9]+)\b[^>]*>|[^<]+/gi)) {
    if (!tag) {
      current += token;
      continue;
    }
    const name = tag.toLowerCase();
    if (name === 'ol' || name === 'ul') {
      emit(); // an item's own words come before the list nested in it
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', count: 0 });
    } else if (name === 'li') {
      emit();
      if (!closing && lists.length) {
        lists[lists.length - 1].count++;
        current = numberFor();
      }
    } else if (['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'tr', 'table'].includes(name)) {
      // Inside a list item a paragraph tag carries its text; the item's number stays.
      if (closing || !lists.length) emit();
    } else if (name === 'br') {
      current += ' ';
    }
  }
  emit();
  return lines.join('\n\n');
}
