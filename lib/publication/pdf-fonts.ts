/**
 * The fonts the published PDF embeds: DejaVu Serif (regular and bold), shipped by the npm
 * package dejavu-fonts-ttf, which covers Latin with its extensions, Greek and Cyrillic — the
 * names of every member delegation written in those scripts ("Łukasz", "Ayşe Yılmaz",
 * "Ελένη", "Олена"). Embedded (subset) fonts carry real glyph widths, so lines wrap inside
 * the margins, and a ToUnicode map, so the text copies and extracts as written.
 *
 * Scripts the font has no glyphs for (Arabic, Hebrew, Chinese…) are refused before the PDF
 * is made: a PDF without right-to-left shaping or CJK glyphs would print boxes or reversed
 * words. The refusal names the script and offers DOCX and HTML, which carry every script.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { DomainError } from '../errors';

export interface PdfFontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
  /** The compilation sets rationales and bylines in italic; the published text needs none. */
  italic?: Uint8Array;
  name: string;
}

let cached: PdfFontFiles | null = null;

/** Read once per process from the installed package (resolved from the app's root). */
export function embeddedFonts(): PdfFontFiles {
  if (cached) return cached;
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  cached = {
    regular: new Uint8Array(fs.readFileSync(path.join(dir, 'DejaVuSerif.ttf'))),
    bold: new Uint8Array(fs.readFileSync(path.join(dir, 'DejaVuSerif-Bold.ttf'))),
    italic: new Uint8Array(fs.readFileSync(path.join(dir, 'DejaVuSerif-Italic.ttf'))),
    name: 'DejaVu Serif',
  };
  return cached;
}

/** Scripts written right to left: even with glyphs, a PDF laid out left to right would reverse them. */
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const SCRIPT_NAMES: readonly [RegExp, string][] = [
  [/\p{Script=Arabic}/u, 'Arabic'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Han}/u, 'Chinese'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Japanese'],
  [/\p{Script=Hangul}/u, 'Korean'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Devanagari}/u, 'Devanagari'],
];

function scriptOf(ch: string): string {
  return (
    SCRIPT_NAMES.find(([re]) => re.test(ch))?.[1] ??
    `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  );
}

/**
 * Refuses (422) a text the embedded fonts cannot set: every character must have a glyph in
 * every face (regular, bold, and italic where given), and none may belong to a right-to-left script. `where` names
 * each piece of text ("operative paragraph 3") for the message.
 */
export function checkPdfCoverage(pieces: readonly { where: string; text: string }[], fonts = embeddedFonts()): void {
  const faces = [fonts.regular, fonts.bold, ...(fonts.italic ? [fonts.italic] : [])].map((f) => fontkit.create(f));
  const missing = new Map<string, string>();
  for (const { where, text } of pieces) {
    for (const ch of new Set(text)) {
      if (/\s/.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      if (RIGHT_TO_LEFT.test(ch) || faces.some((face) => !face.hasGlyphForCodePoint(cp))) {
        const script = scriptOf(ch);
        if (!missing.has(script)) missing.set(script, `"${ch}" in ${where}`);
      }
    }
  }
  if (missing.size === 0) return;
  const list = [...missing].map(([script, example]) => `${script} (${example})`).join(', ');
  throw new DomainError(
    'unprocessable:export',
    `The PDF cannot carry ${list}: its embedded font, ${fonts.name}, covers Latin, Greek and Cyrillic, and it lays text out left to right. Export the published text as DOCX or HTML, which carry every script.`,
  );
}
