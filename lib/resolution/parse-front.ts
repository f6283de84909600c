/**
 * What stands above the text: cover lines (skipped, with a warning), then the heading as
 * printed — "Resolution adopted by consensus* by the 122nd IPU Assembly" and its place and
 * date; a General Assembly's date line, report line and "78/233. Title"; a Security
 * Council's or the Council of Europe's "Resolution 2799 (2025)" with its adoption line or
 * title — then the enacting formula. The title and symbol are read from these lines.
 */
import type { Block } from './parse-blocks';
import {
  isCoverLine,
  isEnactingFormula,
  isHeadingLine,
  isPlaceDateLine,
  isReportLine,
  isSymbolTitleLine,
  isTitleLine,
  readSymbolLine,
} from './parse-heading';
import type { ParseIssue } from './types';

export interface FrontMatter {
  /** The heading lines as printed (title and symbol lines included), null when there are none. */
  heading: string | null;
  headingLine: number;
  title: string | null;
  symbol: string | null;
  enactingFormula: string | null;
  body: Block[];
}

const lineTexts = (b: Block) => b.lines.map((l) => l.text);
const isPlain = (b: Block | undefined): b is Block => b?.start.kind === 'plain';

function isHeadingBlock(b: Block): boolean {
  const lines = lineTexts(b);
  // Headings are short; the length cap also keeps the heading regexes away from huge lines.
  return lines.length <= 6 && b.text.length <= 1000 && lines.some(isHeadingLine) && !lines.some((l) => /[,;]$/.test(l));
}

const isOneLine = (b: Block, test: (line: string) => boolean) => b.lines.length === 1 && test(b.text);

/** Title and symbol from the heading lines: a symbol line gives both or the symbol; a title-like line the title. */
function titleAndSymbol(blocks: readonly Block[]): { title: string | null; symbol: string | null } {
  let title: string | null = null;
  let symbol: string | null = null;
  for (const b of blocks) {
    for (const line of lineTexts(b)) {
      const read = readSymbolLine(line);
      if (read) {
        symbol ??= read.symbol;
        title ??= read.title;
      } else if (!isHeadingLine(line) && !isPlaceDateLine(line) && !isReportLine(line) && isTitleLine(line)) {
        title ??= line.replace(/[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]+$/, '').trim();
      }
    }
  }
  return { title, symbol };
}

/**
 * Heading, title and "(place, date)" lines, then the enacting formula. Title-like lines are
 * only taken as heading when a heading or formula follows them, or when they follow a
 * heading line (the Council of Europe's title under its number); otherwise they are the
 * first preambular paragraph of a draft that lacks its comma.
 */
export function readFrontMatter(all: Block[], errors: ParseIssue[], warnings: ParseIssue[]): FrontMatter {
  let skip = 0;
  while (isPlain(all[skip]) && lineTexts(all[skip]).every(isCoverLine)) {
    warnings.push({
      line: all[skip].line,
      message: `cover line skipped: "${all[skip].text.slice(0, 80)}" is not part of the resolution's text`,
    });
    skip += 1;
  }
  const blocks = all.slice(skip);
  let end = 0;
  let j = 0;
  let sawHeading = false;
  for (; isPlain(blocks[j]); j += 1) {
    const b = blocks[j];
    if (isHeadingBlock(b)) sawHeading = true;
    else if (isOneLine(b, isSymbolTitleLine) || isOneLine(b, isReportLine)) sawHeading = true;
    else if (!(sawHeading && isOneLine(b, isPlaceDateLine))) {
      if (b.lines.length <= 3 && isTitleLine(b.text)) {
        if (sawHeading) end = j + 1;
        continue; // tentative: kept if a heading or formula follows
      }
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
  const front = blocks.slice(0, end);
  const heading = end > 0 ? front.flatMap(lineTexts).join('\n') : null;
  const body = blocks.slice(f >= 0 ? f + 1 : end);
  if (f >= 0 && blocks[f].lines.length > 1) {
    // "The General Assembly," with the first paragraph on the next line, no blank between.
    const [, ...rest] = blocks[f].lines;
    body.unshift({ line: rest[0].n, start: { kind: 'plain' }, lines: rest, text: rest.map((l) => l.text).join(' ') });
  }
  return {
    heading,
    headingLine: blocks[0]?.line ?? all[0].line,
    ...titleAndSymbol(front),
    enactingFormula: f >= 0 ? blocks[f].lines[0].text : null,
    body,
  };
}
