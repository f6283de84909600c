import type { ParagraphKind, TextRun } from '../resolution/types';
import { decodeEntities } from '../text/html-entities';
import { parseResolutionText } from '../resolution/parse';

/**
 * What a paste into the resolution editor becomes: one paragraph per pasted paragraph,
 * with its kind read from a typed number ("8." operative, "(b)" sub-paragraph) that is then
 * dropped, since numbers are computed from position and never typed. Word's HTML, web pages
 * and plain text all come through here; bold and italic survive, everything else is text.
 *
 * Pure (no DOM) so that it runs, and is tested, the same in Node and in the browser.
 */

export interface PastedParagraph {
  kind: ParagraphKind;
  /** Non-empty runs, whitespace collapsed, trimmed at both ends of the paragraph. */
  runs: TextRun[];
}

export interface Clipboard {
  html?: string | null;
  text?: string | null;
}

const OPERATIVE = /^\d{1,3}\.(?:\s+|$)/;
const SUBPARAGRAPH = /^\(?[a-z]{1,4}\)(?:\s+|$)/;

/** HTML copied out of this editor carries its own kinds and ids: ProseMirror reads it best. */
export function isResolutionEditorHtml(html: string | null | undefined): boolean {
  return !!html && /<p[^>]*\bdata-kind="(preambular|operative|subparagraph)"/.test(html);
}

/**
 * The paragraphs of a paste. `contextKind` is the kind of the paragraph pasted into: an
 * unnumbered pasted paragraph takes it (so plain sentences pasted into the preamble stay
 * preambular). HTML is preferred when present, as it keeps bold and italic.
 */
export function pastedParagraphs(clip: Clipboard, contextKind: ParagraphKind): PastedParagraph[] {
  const whole = wholeResolution(clip.text ?? '');
  if (whole) return whole;
  const blocks = clip.html?.trim() ? htmlBlocks(clip.html) : textBlocks(clip.text ?? '');
  const out: PastedParagraph[] = [];
  for (const runs of blocks) {
    const cleaned = tidyRuns(runs);
    if (!cleaned.length) continue;
    const { kind, runs: rest } = takeNumber(cleaned, contextKind);
    if (rest.length) out.push({ kind, runs: rest });
  }
  return out;
}

// ---------------------------------------------------------------- plain text

/**
 * Plain text from Word has one paragraph per line; text from e-mails or PDFs wraps lines
 * and separates paragraphs by blank lines. So: with blank lines, a paragraph runs to the
 * next blank line or numbered line; without any, every line is a paragraph.
 */
function textBlocks(text: string): TextRun[][] {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.replace(/\s+/g, ' ').trim());
  const hasBlankSeparators = lines.some(
    (l, i) => l === '' && i > 0 && i < lines.length - 1 && lines.slice(0, i).some(Boolean),
  );
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (!line) {
      current = null;
      continue;
    }
    const startsNew = !hasBlankSeparators || current === null || OPERATIVE.test(line) || SUBPARAGRAPH.test(line);
    if (startsNew) {
      current = [line];
      blocks.push(current);
    } else current!.push(line);
  }
  return blocks.map((b) => [{ text: b.join(' ') }]);
}

// ---------------------------------------------------------------- HTML

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'tr',
  'td',
  'th',
  'ul',
  'ol',
  'table',
  'section',
  'article',
  'dd',
  'dt',
  'pre',
]);
const VOID_TAGS = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'col', 'wbr']);

interface InlineState {
  tag: string;
  bold?: boolean;
  italic?: boolean;
}

/** Removes what is never text: comments (incl. Word's conditional ones), head, styles, scripts. */
function stripNonText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[(?:if|endif)[^\]]*\]>/gi, '') // Word's "<![if !supportLists]>": keep what is inside
    .replace(/<(head|style|script|xml|title)\b[\s\S]*?<\/\1\s*>/gi, '');
}

function htmlBlocks(html: string): TextRun[][] {
  const blocks: TextRun[][] = [];
  let current: TextRun[] = [];
  const stack: InlineState[] = [];
  const flush = () => {
    if (current.some((r) => r.text.trim())) blocks.push(current);
    current = [];
  };
  const marks = () => ({ bold: stack.some((s) => s.bold), italic: stack.some((s) => s.italic) });
  const token = /<(\/?)([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|</g;
  for (const m of stripNonText(html).matchAll(token)) {
    const [, closing, rawTag, attrs, text] = m;
    if (text !== undefined || (!rawTag && m[0] === '<')) {
      const t = decodeEntities(text ?? '<');
      if (t) current.push({ text: t, ...marks() });
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (tag === 'br') {
      flush();
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush();
      continue;
    }
    if (VOID_TAGS.has(tag) || attrs.trim().endsWith('/')) continue;
    if (closing) {
      const at = stack.map((s) => s.tag).lastIndexOf(tag);
      if (at >= 0) stack.length = at;
      continue;
    }
    stack.push(inlineEffect(tag, attrs));
  }
  flush();
  return blocks;
}

function inlineEffect(tag: string, attrs: string): InlineState {
  const style = /style\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
  const css = (style?.[1] ?? style?.[2] ?? '').toLowerCase();
  const weight = /font-weight\s*:\s*([a-z0-9]+)/.exec(css)?.[1];
  const fontStyle = /font-style\s*:\s*([a-z]+)/.exec(css)?.[1];
  const state: InlineState = { tag };
  if (
    tag === 'b' ||
    tag === 'strong' ||
    weight === 'bold' ||
    weight === 'bolder' ||
    (weight !== undefined && Number(weight) >= 600)
  )
    state.bold = true;
  if (tag === 'i' || tag === 'em' || fontStyle === 'italic' || fontStyle === 'oblique') state.italic = true;
  // Google Docs wraps everything in <b style="font-weight:normal">: the style wins.
  if (tag === 'b' && (weight === 'normal' || weight === '400')) state.bold = false;
  return state;
}

// ---------------------------------------------------------------- runs

/** Collapses whitespace across runs, trims the paragraph and merges runs with equal marks. */
function tidyRuns(runs: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  let lastWasSpace = true; // so leading whitespace is dropped
  for (const run of runs) {
    let text = run.text.replace(/\s+/g, ' ');
    if (lastWasSpace) text = text.replace(/^ /, '');
    if (!text) continue;
    lastWasSpace = text.endsWith(' ');
    const prev = out[out.length - 1];
    if (prev && !!prev.bold === !!run.bold && !!prev.italic === !!run.italic) prev.text += text;
    else out.push(withMarks(text, run));
  }
  const last = out[out.length - 1];
  if (last) {
    last.text = last.text.replace(/ $/, '');
    if (!last.text) out.pop();
  }
  return out;
}

function withMarks(text: string, marks: TextRun): TextRun {
  const run: TextRun = { text };
  if (marks.bold) run.bold = true;
  if (marks.italic) run.italic = true;
  return run;
}

/** Reads and removes a typed paragraph number at the start of the paragraph. */
function takeNumber(runs: TextRun[], contextKind: ParagraphKind): PastedParagraph {
  const first = runs[0].text;
  const kind: ParagraphKind | null = OPERATIVE.test(first)
    ? 'operative'
    : SUBPARAGRAPH.test(first)
      ? 'subparagraph'
      : null;
  if (!kind) return { kind: contextKind, runs };
  const re = kind === 'operative' ? OPERATIVE : SUBPARAGRAPH;
  const rest = [{ ...runs[0], text: first.replace(re, '') }, ...runs.slice(1)];
  return { kind, runs: tidyRuns(rest) };
}

// ---------------------------------------------------------------- a whole resolution

/** About one printed page: a paste longer than this is asked about before it goes in. */
export const PAGE_OF_TEXT = 3000;

export function pastedLength(paragraphs: readonly PastedParagraph[]): number {
  return paragraphs.reduce((n, p) => n + p.runs.reduce((m, r) => m + r.text.length, 0), 0);
}

/**
 * A whole resolution pasted as text (from a PDF, an e-mail, the published page) is read by
 * the import parser: preambular and operative paragraphs and sub-paragraphs by their shape,
 * typed numbers dropped, and the heading, title, enacting formula, closing lines and
 * footnotes — the page furniture — left out. Null when the text is not one (a few lines).
 */
export function wholeResolution(text: string): PastedParagraph[] | null {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim());
  if (lines.length < 4) return null;
  const parsed = parseResolutionText(text);
  if (!parsed.ok) return null;
  const { paragraphs, enactingFormula, heading } = parsed.resolution;
  // A whole resolution says who resolves ("The 122nd Assembly …,") or carries its heading;
  // a run of paragraphs without either is left to the ordinary paste (numbers set kinds).
  if (paragraphs.length < 2 || (!enactingFormula && !heading)) return null;
  return paragraphs
    .map((p) => ({ kind: p.kind, runs: tidyRuns(p.runs?.length ? p.runs : [{ text: p.text }]) }))
    .filter((p) => p.runs.length > 0);
}
