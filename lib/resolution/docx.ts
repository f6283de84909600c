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
import { DomainError } from '../errors';
import { decodeEntities } from '../text/html-entities';
import { collapseSpaces } from '../text/whitespace';
import { romanNumeral, subParagraphLetter } from './numbering';

/**
 * What an uploaded .docx may cost to read (issue 11): a Word document of text has a few
 * dozen parts, inflates to a few megabytes and nests elements a few dozen levels deep.
 */
export interface DocxLimits {
  /** Files in the ZIP's central directory. */
  maxEntries: number;
  /** Total declared (and, while inflating, enforced) uncompressed bytes. */
  maxUncompressedBytes: number;
  /** Element nesting in any XML part. */
  maxXmlDepth: number;
  timeMs: number;
  /** Heap of the worker that reads it. */
  memoryMb: number;
}

export const DOCX_LIMITS: DocxLimits = {
  maxEntries: 1000,
  maxUncompressedBytes: 64 * 1024 * 1024,
  maxXmlDepth: 256,
  timeMs: 20_000,
  memoryMb: 384,
};

/** A reading of a .docx as mammoth's HTML, or why it was refused. */
export type DocxReading =
  | { ok: true; html: string }
  | { ok: false; reason: 'not_docx' | 'too_large' | 'too_deep' | 'invalid'; message: string };

/** Reads a .docx within DOCX_LIMITS: server/docx-reader.ts does it in a bounded worker. */
export type DocxReader = (bytes: Uint8Array) => Promise<DocxReading>;

/**
 * The upload as the parser's text, or a DomainError: 413 for a file that would inflate past
 * the limits (a zip bomb), 422 for one that is not a Word document or nests too deep.
 */
export async function docxToText(bytes: Uint8Array, read: DocxReader, name = 'The file'): Promise<string> {
  const reading = await read(bytes);
  if (reading.ok) return listHtmlToText(reading.html);
  const message = `${name} could not be read as a Word document: ${reading.message}. Nothing was saved; save it again from Word, or paste the text.`;
  throw new DomainError(reading.reason === 'too_large' ? 'too_large:import' : 'unprocessable:import', message);
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
  /** Inside mammoth's "[1]" reference or "↑" back-link: words that are not the text's. */
  let inNoteLink = false;
  /** The number of the Word footnote being read, when its text is not marked already. */
  let footnote: string | null = null;
  const emit = () => {
    const text = current
      .split(LINE_BREAK)
      .map((l) => collapseSpaces(decodeEntities(l)))
      .filter(Boolean)
      .join('\n');
    current = '';
    if (!text) return;
    // A footnote starts with its mark ("* The delegation…"); one with Word's own number gets it.
    lines.push(footnote && !FOOTNOTE_MARK.test(text) ? `${footnote} ${text}` : text);
  };
  const numberFor = () => {
    // Numbered only inside ordered lists; depth 1 → "1.", depth 2 → "(a)", deeper → "(i)".
    const list = lists.at(-1);
    if (!list?.ordered) return '';
    const depth = lists.filter((l) => l.ordered).length;
    if (depth === 1) return `${++operatives}. `;
    return depth === 2 ? `(${subParagraphLetter(list.count)}) ` : `(${romanNumeral(list.count)}) `;
  };
  for (const [token, closing, tag] of html.matchAll(/<(\/?)([a-z0-9]+)\b[^>]*>|[^<]+/gi)) {
    if (!tag) {
      if (!inNoteLink) current += token;
      continue;
    }
    const name = tag.toLowerCase();
    if (name === 'a') {
      inNoteLink = !closing && /\b(href="#footnote-|id="footnote-ref-|href="#endnote-|id="endnote-ref-)/.test(token);
      if (closing) inNoteLink = false;
    } else if (name === 'ol' || name === 'ul') {
      emit(); // an item's own words come before the list nested in it
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', count: 0 });
    } else if (name === 'li') {
      emit();
      const note = /\bid="(?:footnote|endnote)-(\d+)"/.exec(token);
      footnote = closing ? null : (note?.[1] ?? null);
      if (!closing && lists.length && !note) {
        lists[lists.length - 1].count++;
        current = numberFor();
      }
    } else if (['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'tr', 'table'].includes(name)) {
      // Inside a list item a paragraph tag carries its text; the item's number stays.
      if (closing || !lists.length) emit();
    } else if (name === 'br') {
      current += LINE_BREAK;
    }
  }
  emit();
  return lines.join('\n\n');
}

/** A line break inside a paragraph (Shift+Enter in Word): the parser sees two lines of one block. */
const LINE_BREAK = '\u2028';
const FOOTNOTE_MARK = /^(\*+|[†‡¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,2}\s)/;
