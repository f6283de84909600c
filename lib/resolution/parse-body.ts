/**
 * The text below the formula: unnumbered preambular paragraphs, numbered operative
 * paragraphs with their sub-paragraphs ((a), (b)… or 3.1, 3.2…), the closing lines some
 * bodies print after the text ("50th plenary meeting", "Assembly debate on …"), and the
 * footnotes, each kept as printed with the statements it records.
 */
import { newParagraphId } from './ids';
import { asPlain, type Block } from './parse-blocks';
import { type FootnoteStatement, readFootnote } from './parse-footnotes';
import { readVoteCounts } from './parse-heading';
import { romanNumeral } from './numbering';
import {
  isSubordinate,
  type Paragraph,
  type ParagraphKind,
  type ParsedFootnote,
  type ParseIssue,
  type SubparagraphNumbering,
} from './types';

const CANNOT_PLACE =
  'cannot place this text: it is neither a preambular paragraph, a numbered operative paragraph, a sub-paragraph (a), (b)… nor a footnote';

export interface Body {
  paragraphs: Paragraph[];
  operativeLines: number[];
  subparagraphNumbering: SubparagraphNumbering;
  trailer: string[];
  footnotes: ParsedFootnote[];
  /** Each statement with the index of the footnote that printed it. */
  statements: (FootnoteStatement & { footnote: number; line: number })[];
}

/** A block that carries on the paragraph above across a page break or stray blank line. */
function continues(above: Paragraph | undefined, block: Block): above is Paragraph {
  return !!above && /^\p{Ll}/u.test(block.text) && !/[.;:][”"’)\]]?$/.test(above.text);
}

const DATE_LINE =
  /^\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}$/i;

/**
 * Closing lines printed after the operative part: a General Assembly's "50th plenary
 * meeting" and date, a note of the vote ("Adopted by a recorded vote of …"), the Council of
 * Europe's "Assembly debate on … Text adopted by the Assembly on …".
 */
function isTrailer(block: Block): boolean {
  const first = block.lines[0].text;
  return (
    block.lines.every((l) => /^\d+(st|nd|rd|th)\s+(plenary\s+)?meeting$/i.test(l.text) || DATE_LINE.test(l.text)) ||
    /^(Assembly debate on|Debate in the Assembly|Text adopted by|Adopted (at|by|on|without)\b)/i.test(first)
  );
}

/** One warning for a paragraph that was joined from several lines of hard-wrapped text. */
function joinedLines(block: Block, warnings: ParseIssue[]): void {
  if (block.lines.length < 2) return;
  warnings.push({
    line: block.line,
    message: `lines ${block.line}–${block.lines[block.lines.length - 1].n} were joined into one paragraph (the text has no blank line between them, as when copied out of a PDF); check that it is one paragraph`,
  });
}

/**
 * Whether "(i)" is the ninth sub-paragraph or the first sub-sub-paragraph: it is a
 * sub-sub-paragraph right under a sub-paragraph other than "(h)", and "(ii)", "(iii)"… carry
 * on a run of them; "3.1.2" is one by its three numbers.
 */
function subLevels() {
  let roman: number | null = null;
  let lastLetter = '';
  return (start: { label: string; decimal: boolean; item?: string }, above?: ParagraphKind): ParagraphKind => {
    if (start.decimal) return start.item ? 'subsubparagraph' : 'subparagraph';
    if (roman !== null && above && isSubordinate(above) && start.label === romanNumeral(roman + 1)) {
      roman += 1;
      return 'subsubparagraph';
    }
    if (start.label === 'i' && above === 'subparagraph' && lastLetter !== 'h') {
      roman = 1;
      return 'subsubparagraph';
    }
    roman = null;
    lastLetter = start.label;
    return 'subparagraph';
  };
}

export function readBody(blocks: Block[], errors: ParseIssue[], warnings: ParseIssue[]): Body {
  const body: Body = {
    paragraphs: [],
    operativeLines: [],
    subparagraphNumbering: 'letter',
    trailer: [],
    footnotes: [],
    statements: [],
  };
  const add = (kind: ParagraphKind, block: Block) => {
    if (!block.text)
      errors.push({
        line: block.line,
        message: `this ${kind === 'operative' ? 'operative paragraph' : 'sub-paragraph'} has no text`,
      });
    joinedLines(block, warnings);
    body.paragraphs.push({ id: newParagraphId(), kind, text: block.text });
  };
  let lastPrinted = 0;
  const levelOf = subLevels();
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
      if (start.decimal) body.subparagraphNumbering = 'decimal';
      const kind = levelOf(start, body.paragraphs.at(-1)?.kind);
      if (operatives === 0)
        errors.push({
          line: block.line,
          message: `sub-paragraph (${start.label}) comes before any numbered operative paragraph; a sub-paragraph belongs to the operative paragraph above it`,
        });
      else {
        if (start.decimal && start.parent !== lastPrinted) {
          warnings.push({
            line: block.line,
            message: `sub-paragraph ${start.parent}.${start.label} is placed under operative paragraph ${lastPrinted}, the one above it`,
          });
        }
        add(kind, block);
      }
    } else if (start.kind === 'footnote') {
      readFootnoteBlock(block, start.marker, body, warnings);
    } else if (continues(body.paragraphs.at(-1), block)) {
      const above = body.paragraphs[body.paragraphs.length - 1];
      above.text = `${above.text} ${block.text}`;
      warnings.push({
        line: block.line,
        message:
          'joined to the paragraph above: it starts in lower case and the paragraph above does not end a sentence (a page break?)',
      });
    } else if (operatives > 0 && isTrailer(block)) {
      body.trailer.push(block.lines.map((l) => l.text).join('\n'));
    } else if (operatives > 0) {
      errors.push({
        line: block.line,
        message:
          body.footnotes.length > 0
            ? `${CANNOT_PLACE}; it comes after the operative paragraphs and footnotes`
            : `${CANNOT_PLACE}; unnumbered text cannot follow the operative paragraphs`,
      });
    } else {
      add('preambular', block);
    }
  }
  return body;
}

/** A footnote is kept as printed; what it records is read from it, and what is not read is said. */
function readFootnoteBlock(block: Block, marker: string, body: Body, warnings: ParseIssue[]): void {
  const reading = readFootnote(block.text);
  const index = body.footnotes.length;
  body.footnotes.push({ line: block.line, marker, text: block.text, statements: reading.statements.length });
  for (const s of reading.statements) body.statements.push({ ...s, footnote: index, line: block.line });
  for (const sentence of reading.unread) {
    if (readVoteCounts(sentence)) continue; // the vote's counts: read as the adoption's
    warnings.push({
      line: block.line,
      message: `footnote kept as printed, but "${sentence.slice(0, 80)}${sentence.length > 80 ? '…' : ''}" records no reservation, dissociation or interpretative statement in the usual form ("The delegation of … expressed a reservation on operative paragraph …")`,
    });
  }
}
