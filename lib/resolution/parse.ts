/**
 * Import parser: plain text of a resolution (pasted, .txt, or .docx via docxToText) into
 * heading, adoption record, title and symbol, enacting formula, paragraphs, closing lines,
 * footnotes and the statements they record.
 *
 * The text is read in blocks (see parse-blocks): what stands above the text first
 * (parse-front), then the body (parse-body). Anything that fits nowhere is an error with its
 * line number: importing half a document silently would be worse than refusing it. Printed
 * numbers are checked (warnings) but never stored: order is what counts. Everything the
 * parser guesses (a joined line, a skipped cover line, an adoption method the text does not
 * state) is a warning, so the preview tells the truth before anything is saved.
 *
 * Pure and synchronous: no I/O, no framework; safe in the browser for a live preview.
 */
import { describePlace, numberParagraphs } from './numbering';
import { notResolutionText, sourceLines } from './parse-lines';
import { splitBlocks } from './parse-blocks';
import { readFrontMatter } from './parse-front';
import { type Body, readBody } from './parse-body';
import { readAdoptionTrailer, readHeading, readVoteCounts } from './parse-heading';
import type { AdoptionRecord, ParagraphRef, ParseIssue, ParseResult, ParsedReservation } from './types';
import type { NumberedParagraph } from './types';

/** The same limit as uploads (import-source): 2 MB of UTF-8. */
export const MAX_RESOLUTION_TEXT_BYTES = 2 * 1024 * 1024;
/** Past this many, more errors or warnings only bury the first ones, which usually explain the rest. */
const MAX_ISSUES = 50;

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

/** A bare numbered list is read as operative paragraphs only when each item reads like one. */
function readsLikeOperative(text: string): boolean {
  return /^[\p{Lu}\p{Lt}\p{Lo}"“‘'([]/u.test(text) && /[.;:,][”"’)\]]?$/.test(text);
}

/** The stable id of the paragraph a statement names, looked up by the numbers as printed. */
function paragraphIdOf(ref: ParagraphRef, numbered: readonly NumberedParagraph[]): string | null {
  if (ref.kind === 'resolution') return null;
  const labels =
    ref.kind === 'subsubparagraph'
      ? [`${ref.number} (${ref.letter}) (${ref.item})`, `${ref.number}.${ref.letter}.${ref.item}`]
      : ref.kind === 'subparagraph'
        ? [`${ref.number} (${ref.letter})`, `${ref.number}.${ref.letter}`]
        : [`${ref.kind === 'preambular' ? 'PP' : 'OP'} ${ref.number}`];
  const found = numbered.find((p) => labels.includes(p.label));
  return found?.id ?? null;
}

function statementsOf(body: Body, warnings: ParseIssue[]): ParsedReservation[] {
  const numbered = numberParagraphs(body.paragraphs, body.subparagraphNumbering);
  return body.statements.map((s) => {
    const paragraphId = paragraphIdOf(s.target, numbered);
    if (s.target.kind !== 'resolution' && paragraphId === null) {
      warnings.push({
        line: s.line,
        message: `the footnote refers to ${describePlace(s.target, body.subparagraphNumbering)}, which the text does not have; it would be recorded on the resolution as a whole`,
      });
    }
    return {
      delegation: s.delegation,
      kind: s.kind,
      target: s.target,
      paragraphId,
      text: s.text,
      footnote: s.footnote,
    };
  });
}

/**
 * The adoption the text records: from the heading, completed by a vote's counts stated in
 * a footnote or closing line, or by a closing "Text adopted by the Assembly on …". When the
 * text says it was adopted but not how, the method is a guess, and the preview says so.
 */
function adoptionOf(
  heading: string | null,
  headingLine: number,
  body: Body,
  warnings: ParseIssue[],
): AdoptionRecord | null {
  const reading = heading ? readHeading(heading) : { adoption: null, problems: [] };
  for (const message of reading.problems) warnings.push({ line: headingLine, message });
  let adoption = reading.adoption;
  const notes = [...body.footnotes.map((f) => f.text), ...body.trailer];
  if (!adoption) {
    const closing = body.trailer.map(readAdoptionTrailer).find((t) => t !== null);
    if (!closing) return null;
    adoption = { method: null, body: closing.body, ...(closing.date ? { date: closing.date } : {}) };
  }
  const counts = notes.map(readVoteCounts).find((c) => c !== null);
  if (counts && !adoption.votes)
    adoption = { ...adoption, method: adoption.method ?? counts.method, votes: counts.votes };
  if (adoption.method !== null) return { ...adoption, method: adoption.method };
  // The Security Council adopts every resolution by a vote; elsewhere the method is a guess.
  if (/security council/i.test(adoption.body)) return { ...adoption, method: 'vote' };
  const guess = /general assembly/i.test(adoption.body) ? 'without_vote' : 'vote';
  warnings.push({
    line: headingLine,
    message: `the text says it was adopted but not how; it is recorded as adopted ${guess === 'vote' ? 'by a vote' : 'without a vote'} (check before saving as adopted)`,
  });
  return { ...adoption, method: guess };
}

/**
 * In line order, at most MAX_ISSUES. Errors: one per line (the first found usually
 * explains the rest); warnings: every distinct one, since each is a different guess.
 */
function report(issues: ParseIssue[], onePerLine = true): ParseIssue[] {
  const kept = new Map<string, ParseIssue>();
  for (const e of issues) {
    const key = onePerLine ? String(e.line) : `${e.line}:${e.message}`;
    if (!kept.has(key)) kept.set(key, e);
  }
  const sorted = [...kept.values()].sort((a, b) => a.line - b.line);
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
  const front = readFrontMatter(blocks, errors, warnings);
  const body = readBody(front.body, errors, warnings);
  const { paragraphs, operativeLines } = body;

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
  const adoption = adoptionOf(front.heading, front.headingLine, body, warnings);
  const reservations = statementsOf(body, warnings);

  return {
    ok: true,
    resolution: {
      heading: front.heading,
      adoption,
      title: front.title,
      symbol: front.symbol,
      enactingFormula: front.enactingFormula,
      paragraphs,
      subparagraphNumbering: body.subparagraphNumbering,
      trailer: body.trailer,
      footnotes: body.footnotes.map(({ line, marker, text, statements }) => ({ line, marker, text, statements })),
      reservations,
    },
    warnings: report(warnings, false),
  };
}
