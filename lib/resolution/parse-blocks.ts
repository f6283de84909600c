/**
 * Groups lines into blocks: one block is one candidate paragraph, heading or footnote.
 * A block ends at a blank line or page furniture, and a new one starts at a line that opens
 * with an operative number ("8."), a sub-paragraph letter ("(b)") or a footnote marker ("*"),
 * or, in the preamble, at "Recalling …" and the like right after a line ending with a comma.
 * Above the text (text copied out of a PDF has no blank lines), each heading, place-and-date,
 * symbol, title and formula line is a block of its own.
 */
import { isFurniture, type SourceLine } from './parse-lines';
import { isEnactingFormula, isFrontLine, isTitleLine } from './parse-heading';

export type BlockStart =
  | { kind: 'operative'; number: number }
  /** `label` as printed without brackets: "b", or "1" for "3.1" (decimal: the Council of Europe's numbering). */
  | { kind: 'subparagraph'; label: string; decimal: boolean; parent?: number; item?: string }
  /** `numeric` markers ("1 The delegation…") are only footnotes after the operative part. */
  | { kind: 'footnote'; marker: string; numeric: boolean }
  | { kind: 'plain' };

export interface Block {
  /** 1-based line number of the block's first line in the original input. */
  line: number;
  start: BlockStart;
  /** The block's lines as normalised (marker included), for headings and error reports. */
  lines: SourceLine[];
  /** The lines joined with one space, the number/letter/marker removed. */
  text: string;
}

const OPERATIVE = /^(\d{1,3})\.(?:\s+|$)/;
/** "3.1." or "3.1" followed by text: a sub-point in Council of Europe texts; "3.1.2." one level deeper. */
const DECIMAL_SUBPARAGRAPH = /^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?\.?(?:\s+|$)/;
const SUBPARAGRAPH = /^\(([a-z]{1,5})\)(?:\s+|$)/;
/** "*", "**", "¹", "†"; not Markdown bold ("**Recalling** …"), which is paragraph text. */
const FOOTNOTE = /^(?!\*\*[^*\s][^*]*\*\*)(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[†‡])\s*(?=\S)/;
/** Only tried at the start of a block: inside one, "12 countries…" is a wrapped line. */
const NUMERIC_FOOTNOTE = /^(\d{1,2})\s+(?=\p{Lu})/u;

function startOf(line: string, atBlockStart: boolean): { start: BlockStart; rest: string } | null {
  let m = DECIMAL_SUBPARAGRAPH.exec(line);
  if (m) {
    const start: BlockStart = { kind: 'subparagraph', label: m[2], decimal: true, parent: Number(m[1]), item: m[3] };
    return { start, rest: line.slice(m[0].length) };
  }
  m = OPERATIVE.exec(line);
  if (m) return { start: { kind: 'operative', number: Number(m[1]) }, rest: line.slice(m[0].length) };
  m = SUBPARAGRAPH.exec(line);
  if (m) return { start: { kind: 'subparagraph', label: m[1], decimal: false }, rest: line.slice(m[0].length) };
  m = FOOTNOTE.exec(line);
  if (m) return { start: { kind: 'footnote', marker: m[1], numeric: false }, rest: line.slice(m[0].length) };
  m = atBlockStart ? NUMERIC_FOOTNOTE.exec(line) : null;
  if (m) return { start: { kind: 'footnote', marker: m[1], numeric: true }, rest: line.slice(m[0].length) };
  return null;
}

/**
 * The words preambular paragraphs open with. In a preamble pasted without blank lines, a
 * line ending with "," followed by one of these starts a new paragraph.
 */
const PREAMBULAR_OPENING =
  /^(Recalling|Reaffirming|Recogni[sz]ing|Noting|Taking note|Aware|Bearing in mind|Concerned|Deeply|Gravely|Seriously|Considering|Convinced|Cognizant|Mindful|Acknowledging|Welcoming|Emphasi[sz]ing|Stressing|Underlining|Expressing|Reiterating|Appreciating|Believing|Conscious|Determined|Desiring|Guided|Having|Alarmed|Deploring|Condemning|Affirming|Also|Further)\b/;

export function splitBlocks(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let current: { block: Block; parts: string[] } | null = null;
  let inPreamble = true;
  /** Above the text: until the enacting formula or the first line of a paragraph. */
  let front = true;
  const close = () => {
    if (current) current.block.text = current.parts.filter(Boolean).join(' ');
    current = null;
  };
  const nextText = (i: number) => lines.slice(i + 1).find((l) => l.text !== '')?.text ?? '';
  for (const [i, line] of lines.entries()) {
    if (line.text === '' || isFurniture(line.text)) {
      close();
      continue;
    }
    const opened = startOf(line.text, current === null);
    if (opened) front = false;
    if (front) {
      const next = nextText(i);
      const standsAlone =
        isFrontLine(line.text) || (isTitleLine(line.text) && (isFrontLine(next) || isTitleLine(next) || next === ''));
      if (standsAlone) {
        close();
        blocks.push({ line: line.n, start: { kind: 'plain' }, lines: [line], text: line.text });
        if (isEnactingFormula(line.text)) front = false;
        continue;
      }
      front = false;
    }
    if (opened?.start.kind === 'operative') inPreamble = false;
    const newPreambular =
      inPreamble &&
      current !== null &&
      /,$/.test(current.parts[current.parts.length - 1]) &&
      PREAMBULAR_OPENING.test(line.text);
    if (current && !opened && !newPreambular) {
      current.block.lines.push(line);
      current.parts.push(line.text);
      continue;
    }
    close();
    const block: Block = { line: line.n, start: opened?.start ?? { kind: 'plain' }, lines: [line], text: '' };
    blocks.push(block);
    current = { block, parts: [opened ? opened.rest : line.text] };
  }
  close();
  return blocks;
}

/** The block read as an unmarked paragraph: a numeric "footnote" before the operative part. */
export function asPlain(block: Block): Block {
  return { ...block, start: { kind: 'plain' }, text: block.lines.map((l) => l.text).join(' ') };
}
