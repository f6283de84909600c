/**
 * Import parser: plain text of a resolution (pasted, .txt, or .docx via docxToText) into
 * heading, adoption record, enacting formula, paragraphs and reservations.
 *
 * The text is read in blocks (see parse-blocks): heading and title lines first, then the
 * enacting formula, unnumbered preambular paragraphs, numbered operative paragraphs with
 * their (a), (b)… sub-paragraphs, and footnotes. Anything that fits none of these is an
 * error with its line number: importing half a document silently would be worse than
 * refusing it. Printed numbers are checked (warnings) but never stored: order is what counts.
 *
 * Pure and synchronous: no I/O, no framework; safe in the browser for a live preview.
 */
import { newParagraphId } from './ids';
import { notResolutionText, sourceLines } from './parse-lines';
import { asPlain, splitBlocks, type Block } from './parse-blocks';
import { isEnactingFormula, isHeadingLine, isPlaceDateLine, isTitleLine, readHeading } from './parse-heading';
import { readFootnote } from './parse-footnotes';
import type { AdoptionRecord, Paragraph, ParagraphKind, ParseIssue, ParseResult, ParsedReservation } from './types';

/** The same limit as uploads (import-source): 2 MB of UTF-8. */
export const MAX_RESOLUTION_TEXT_BYTES = 2 * 1024 * 1024;
/** Past this many, more errors or warnings only bury the first ones, which usually explain the rest. */
const MAX_ISSUES = 50;

const CANNOT_PLACE =
  'cannot place this text: it is neither a preambular paragraph, a numbered operative paragraph, a sub-paragraph (a), (b)… nor a footnote';

function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const lineTexts = (b: Block) => b.lines.map((l) => l.text);
const isPlain = (b: Block | undefined): b is Block => b?.start.kind === 'plain';

function isHeadingBlock(b: Block): boolean {
  const lines = lineTexts(b);
  // Headings are short; the length cap also keeps the heading regexes away from huge lines.
  return lines.length <= 6 && b.text.length <= 1000 && lines.some(isHeadingLine) && !lines.some((l) => /[,;]$/.test(l));
}

interface FrontMatter {
  heading: string | null;
  headingLine: number;
  enactingFormula: string | null;
  body: Block[];
}

/**
 * Heading, title and "(place, date)" lines, then the enacting formula. Title-like lines are
 * only taken as heading when a heading or formula follows them; otherwise they are the
 * first preambular paragraph of a draft that lacks its comma.
 */
function readFrontMatter(blocks: Block[], errors: ParseIssue[]): FrontMatter {
  let end = 0;
  let j = 0;
  let sawHeading = false;
  for (; isPlain(blocks[j]); j += 1) {
    const b = blocks[j];
    if (isHeadingBlock(b)) sawHeading = true;
    else if (!(sawHeading && b.lines.length === 1 && isPlaceDateLine(b.text))) {
      if (b.lines.length <= 3 && isTitleLine(b.text)) continue; // tentative: kept if a heading or formula follows
      break;
    }
    end = j + 1;
  }
  // A formula further down means the unnumbered text above it is not preamble.
  let f = j;
  while (isPlain(blocks[f]) && !isEnactingFormula(blocks[f].lines[0].text)) f += 1;
  if (isPlain(blocks[f])) {
    for (const misplaced of blocks.slice(j, f)) {
      errors.push({
        line: misplaced.line,
        message: `cannot place this text: it comes before the enacting formula (line ${blocks[f].line}) but is not a heading`,
      });
    }
    end = j;
  } else f = -1;
  const heading = end > 0 ? blocks.slice(0, end).flatMap(lineTexts).join('\n') : null;
  const body = blocks.slice(f >= 0 ? f + 1 : end);
  if (f >= 0 && blocks[f].lines.length > 1) {
    // "The General Assembly," with the first paragraph on the next line, no blank between.
    const [, ...rest] = blocks[f].lines;
    body.unshift({ line: rest[0].n, start: { kind: 'plain' }, lines: rest, text: rest.map((l) => l.text).join(' ') });
  }
  return { heading, headingLine: blocks[0].line, enactingFormula: f >= 0 ? blocks[f].lines[0].text : null, body };
}

/** A block that carries on the paragraph above across a page break or stray blank line. */
function continues(above: Paragraph | undefined, block: Block): above is Paragraph {
  return !!above && /^\p{Ll}/u.test(block.text) && !/[.;:][”"’)\]]?$/.test(above.text);
}

/** A bare numbered list is read as operative paragraphs only when each item reads like one. */
function readsLikeOperative(text: string): boolean {
  return /^[\p{Lu}\p{Lt}\p{Lo}"“‘'([]/u.test(text) && /[.;:,][”"’)\]]?$/.test(text);
}

interface Body {
  paragraphs: Paragraph[];
  reservations: ParsedReservation[];
  operativeLines: number[];
}

function readBody(blocks: Block[], errors: ParseIssue[], warnings: ParseIssue[]): Body {
  const body: Body = { paragraphs: [], reservations: [], operativeLines: [] };
  const add = (kind: ParagraphKind, block: Block) => {
    if (!block.text)
      errors.push({
        line: block.line,
        message: `this ${kind === 'operative' ? 'operative paragraph' : 'sub-paragraph'} has no text`,
      });
    body.paragraphs.push({ id: newParagraphId(), kind, text: block.text });
  };
  let sawFootnote = false;
  let lastPrinted = 0;
  const referenced: { line: number; paragraph: number | null }[] = [];
  for (const raw of blocks) {
    const operatives = body.operativeLines.length;
    // "1 The delegation of …" is a footnote after the operative part, text before it.
    const block = raw.start.kind === 'footnote' && raw.start.numeric && operatives === 0 ? asPlain(raw) : raw;
    const start = block.start;
    if (start.kind === 'operative') {
      // Compared with the number printed above, not the position: one slip, one warning.
      const expected = lastPrinted + 1;
      if (start.number !== expected) {
        const slip =
          start.number === lastPrinted
            ? `repeats number ${lastPrinted}`
            : `is numbered ${start.number} where ${expected} was expected`;
        warnings.push({
          line: block.line,
          message: `this operative paragraph ${slip}; it is placed as operative paragraph ${operatives + 1}, since numbers follow the order`,
        });
      }
      lastPrinted = start.number;
      body.operativeLines.push(block.line);
      add('operative', block);
    } else if (start.kind === 'subparagraph') {
      if (operatives === 0)
        errors.push({
          line: block.line,
          message: `sub-paragraph (${start.label}) comes before any numbered operative paragraph; a sub-paragraph belongs to the operative paragraph above it`,
        });
      else add('subparagraph', block);
    } else if (start.kind === 'footnote') {
      sawFootnote = true;
      const reading = readFootnote(block.text);
      body.reservations.push(...reading.reservations);
      for (const sentence of reading.unread) {
        warnings.push({
          line: block.line,
          message: `footnote not imported: "${sentence.slice(0, 80)}${sentence.length > 80 ? '…' : ''}" does not record a reservation, dissociation or interpretative statement in the usual form ("The delegation of … expressed a reservation on operative paragraph …")`,
        });
      }
      for (const r of reading.reservations) referenced.push({ line: block.line, paragraph: r.operativeParagraph });
    } else if (continues(body.paragraphs.at(-1), block)) {
      const above = body.paragraphs[body.paragraphs.length - 1];
      above.text = `${above.text} ${block.text}`;
      warnings.push({
        line: block.line,
        message:
          'joined to the paragraph above: it starts in lower case and the paragraph above does not end a sentence (a page break?)',
      });
    } else if (operatives > 0) {
      errors.push({
        line: block.line,
        message: sawFootnote
          ? `${CANNOT_PLACE}; it comes after the operative paragraphs and footnotes`
          : `${CANNOT_PLACE}; unnumbered text cannot follow the operative paragraphs`,
      });
    } else {
      add('preambular', block);
    }
  }
  // Checked at the end: a footnote printed at the foot of a page may precede later paragraphs.
  const total = body.operativeLines.length;
  for (const { line, paragraph } of referenced) {
    if (paragraph !== null && (paragraph < 1 || paragraph > total)) {
      warnings.push({
        line,
        message: `the footnote refers to operative paragraph ${paragraph}, but the text has only ${total} operative paragraph${total === 1 ? '' : 's'}`,
      });
    }
  }
  return body;
}

/** One issue per line (the first found), in line order, at most MAX_ISSUES. */
function report(issues: ParseIssue[]): ParseIssue[] {
  const byLine = new Map<number, ParseIssue>();
  for (const e of issues) if (!byLine.has(e.line)) byLine.set(e.line, e);
  const sorted = [...byLine.values()].sort((a, b) => a.line - b.line);
  if (sorted.length <= MAX_ISSUES) return sorted;
  const shown = sorted.slice(0, MAX_ISSUES);
  shown.push({ line: sorted[MAX_ISSUES].line, message: `… and ${sorted.length - MAX_ISSUES} more from this line on` });
  return shown;
}

const failed = (errors: ParseIssue[]): ParseResult => ({ ok: false, errors: report(errors) });

export function parseResolutionText(text: string): ParseResult {
  const bytes = utf8Length(text);
  if (bytes > MAX_RESOLUTION_TEXT_BYTES) {
    const mb = (bytes / 1024 / 1024).toFixed(2);
    return failed([
      {
        line: 1,
        message: `the text is ${mb} MB (${bytes} bytes); the limit is 2 MB (${MAX_RESOLUTION_TEXT_BYTES} bytes of UTF-8)`,
      },
    ]);
  }
  const lines = sourceLines(text);
  const errors: ParseIssue[] = [];
  for (const line of lines) {
    const what = notResolutionText(line.text);
    if (what) errors.push({ line: line.n, message: `this looks like ${what}, not the text of a resolution` });
  }
  const blocks = splitBlocks(lines);
  if (blocks.length === 0) {
    return failed([
      {
        line: 1,
        message:
          'the text is empty: give a resolution with its preambular paragraphs and numbered operative paragraphs',
      },
    ]);
  }

  const warnings: ParseIssue[] = [];
  const front = readFrontMatter(blocks, errors);
  let adoption: AdoptionRecord | null = null;
  if (front.heading !== null) {
    const reading = readHeading(front.heading);
    adoption = reading.adoption;
    for (const message of reading.problems) warnings.push({ line: front.headingLine, message });
  }
  const { paragraphs, reservations, operativeLines } = readBody(front.body, errors, warnings);

  if (operativeLines.length === 0) {
    const at = front.body[0]?.line ?? blocks[0].line;
    errors.push({
      line: at,
      message: 'no numbered operative paragraph ("1. Decides …") was found, so this does not read as a resolution',
    });
  } else if (
    front.heading === null &&
    front.enactingFormula === null &&
    !paragraphs.some((p) => p.kind === 'preambular')
  ) {
    const operative = paragraphs.filter((p) => p.kind === 'operative');
    operative.forEach((p, i) => {
      if (!readsLikeOperative(p.text)) {
        errors.push({
          line: operativeLines[i],
          message:
            'a numbered list with no heading, enacting formula or preamble is read as a resolution only when every item reads like an operative paragraph (a capitalised clause ending with ";" or "."); this item does not',
        });
      }
    });
  }
  if (errors.length > 0) return failed(errors);

  return {
    ok: true,
    resolution: { heading: front.heading, adoption, enactingFormula: front.enactingFormula, paragraphs, reservations },
    warnings: report(warnings),
  };
}
