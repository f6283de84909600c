import type { NumberedParagraph } from '../resolution/types';

/**
 * A translated text (a secretariat's Word file saved as text) read as a language version:
 * matched to the original by paragraph numbers, never by guessing at the words.
 *
 * Blocks are separated by blank lines. "8." starts operative paragraph 8; "(b)" or "b)"
 * (French style) a sub-paragraph of the operative paragraph above it; "(ii)" or "ii)" a
 * sub-sub-paragraph. Unnumbered blocks before the first operative paragraph are the
 * preambular paragraphs, matched in order from the last one up: what stands above them
 * (heading, enacting formula) is skipped and said so. Anything numbered that the original
 * does not have is reported with its line.
 */
export interface TranslatedParagraph {
  paragraphId: string;
  label: string;
  text: string;
  line: number;
}

export interface TranslatedTextIssue {
  line: number;
  message: string;
}

export interface TranslatedTextMatch {
  paragraphs: TranslatedParagraph[];
  /** Blocks above the preambular paragraphs (heading, formula), not imported. */
  skipped: { line: number; text: string }[];
  /** Numbered blocks with no counterpart in the original, and duplicates. */
  errors: TranslatedTextIssue[];
  /** Labels of the original's paragraphs that the file does not translate. */
  untranslated: string[];
}

interface Block {
  line: number;
  text: string;
}

function blocksOf(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') {
      current = null;
      return;
    }
    if (current) current.text += ` ${line}`;
    else {
      current = { line: index + 1, text: line };
      blocks.push(current);
    }
  });
  return blocks;
}

const OPERATIVE = /^(\d{1,3})\.\s+(.*)$/s;
const ROMAN = /^\(?((?:x{0,3})(?:ix|iv|v?i{0,3}))\)\s+(.*)$/s;
const LETTER = /^\(?([a-z]{1,2})\)\s+(.*)$/s;

export function matchTranslatedText(text: string, original: readonly NumberedParagraph[]): TranslatedTextMatch {
  const byLabel = new Map(original.map((p) => [p.label, p]));
  const preambular = original.filter((p) => p.kind === 'preambular');
  const result: TranslatedTextMatch = { paragraphs: [], skipped: [], errors: [], untranslated: [] };
  const seen = new Set<string>();
  const before: Block[] = [];
  let op = 0;
  let sub = '';
  const take = (label: string, body: string, line: number) => {
    const p = byLabel.get(label);
    if (!p) {
      result.errors.push({ line, message: `The original has no paragraph ${label}.` });
      return;
    }
    if (seen.has(p.id)) {
      result.errors.push({ line, message: `Paragraph ${label} appears twice.` });
      return;
    }
    seen.add(p.id);
    result.paragraphs.push({ paragraphId: p.id, label, text: body.trim(), line });
  };
  for (const block of blocksOf(text)) {
    const operative = OPERATIVE.exec(block.text);
    if (operative) {
      op = Number(operative[1]);
      sub = '';
      take(`OP ${op}`, operative[2], block.line);
      continue;
    }
    if (op === 0) {
      before.push(block);
      continue;
    }
    // "(i)" is a sub-sub-paragraph once a sub-paragraph has started, unless (h) came just before.
    const roman = ROMAN.exec(block.text);
    const letter = LETTER.exec(block.text);
    if (roman?.[1] && sub && !(roman[1] === 'i' && sub === 'h')) {
      take(`${op} (${sub}) (${roman[1]})`, roman[2], block.line);
    } else if (letter) {
      sub = letter[1];
      take(`${op} (${sub})`, letter[2], block.line);
    } else {
      result.errors.push({
        line: block.line,
        message: `This block after operative paragraph ${op} has no number: start it with "${op + 1}.", "(a)" or "(i)", or join it to the paragraph above.`,
      });
    }
  }
  // The last blocks above operative paragraph 1 are the preambular paragraphs.
  const skippedCount = Math.max(0, before.length - preambular.length);
  before.slice(0, skippedCount).forEach((b) => {
    result.skipped.push({ line: b.line, text: b.text });
  });
  const pp = before.slice(skippedCount);
  pp.forEach((b, i) => {
    const target = preambular[preambular.length - pp.length + i];
    take(target.label, b.text, b.line);
  });
  result.paragraphs.sort((a, b) => order(original, a.paragraphId) - order(original, b.paragraphId));
  result.untranslated = original.filter((p) => !seen.has(p.id)).map((p) => p.label);
  return result;
}

function order(original: readonly NumberedParagraph[], id: string): number {
  return original.findIndex((p) => p.id === id);
}
