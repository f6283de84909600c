import { diffSequences, type EditOp } from './sequence-diff';
import type { TextRange } from './types';

/**
 * Word-level comparison of a paragraph and its amended wording: the redline of an
 * amendment, the ranges it touches (to tell compatible amendments from competing ones) and
 * how much of the paragraph it changes (to order the vote).
 */

export interface DiffSegment {
  op: EditOp;
  text: string;
}

/** "Replace base[start, end) by text": one contiguous change. start === end for a pure insertion. */
export interface TextEdit extends TextRange {
  text: string;
}

/**
 * Words (letters and digits, with inner apostrophes: "State’s"), runs of whitespace, and
 * every other character alone. Punctuation as its own token makes "drugs," → "drugs;"
 * a one-character change rather than a changed word.
 */
const TOKEN = /\s+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const isWhitespace = (text: string) => /^\s+$/.test(text);

/**
 * The redline from `base` to `proposed`. Each change reads as one deletion followed by one
 * insertion, and the spaces between changed words belong to the change: replacing
 * "gender equality concerns" gives [-gender equality concerns-][+…+], not a word-by-word
 * checkerboard held together by matching spaces.
 */
export function diffWords(base: string, proposed: string): DiffSegment[] {
  const a = tokenize(base);
  const b = tokenize(proposed);
  const raw: DiffSegment[] = [];
  let i = 0;
  let j = 0;
  for (const op of diffSequences(a, b)) {
    const text = op === 'insert' ? b[j++] : a[i++];
    if (op === 'equal') j++;
    const last = raw[raw.length - 1];
    if (last && last.op === op) last.text += text;
    else raw.push({ op, text });
  }
  return groupChanges(raw);
}

function groupChanges(raw: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) out.push({ op: 'delete', text: deleted });
    if (inserted) out.push({ op: 'insert', text: inserted });
    deleted = inserted = '';
  };
  raw.forEach((segment, index) => {
    const inChange = deleted !== '' || inserted !== '';
    const next = raw[index + 1];
    if (segment.op === 'equal' && inChange && next && next.op !== 'equal' && isWhitespace(segment.text)) {
      // A lone space between two changes is absorbed: deleted and re-inserted.
      deleted += segment.text;
      inserted += segment.text;
    } else if (segment.op === 'equal') {
      flush();
      out.push(segment);
    } else if (segment.op === 'delete') deleted += segment.text;
    else inserted += segment.text;
  });
  flush();
  return out;
}

/** The redline as edits on the base text, in order, non-overlapping. */
export function diffEdits(base: string, proposed: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  let current: TextEdit | null = null;
  for (const segment of diffWords(base, proposed)) {
    if (segment.op === 'equal') {
      offset += segment.text.length;
      current = null;
      continue;
    }
    if (!current) {
      current = { start: offset, end: offset, text: '' };
      edits.push(current);
    }
    if (segment.op === 'delete') {
      offset += segment.text.length;
      current.end = offset;
    } else current.text += segment.text;
  }
  return edits;
}

/**
 * The character ranges of `base` that the change to `proposed` replaces or removes; a pure
 * insertion is a zero-width range at the place it goes.
 */
export function changedRanges(base: string, proposed: string): TextRange[] {
  return diffEdits(base, proposed).map(({ start, end }) => ({ start, end }));
}

const units = (text: string) => tokenize(text).filter((t) => !isWhitespace(t)).length;

/**
 * How far the proposed wording is from the base, as a share of the base's wording.
 *
 * Counted in units: words and punctuation marks (whitespace is not wording). Each change
 * counts max(units removed, units added): a word replaced by another is one changed word,
 * not a deletion plus an insertion; three words deleted count 3; five words added count 5.
 * The sum is divided by the base's units, so 0 means unchanged, 1 means as many changes as
 * the paragraph has words (e.g. everything replaced), and an addition longer than the
 * paragraph goes above 1. An empty base counts 1 for any change.
 */
export function changeRatio(base: string, proposed: string): number {
  let changed = 0;
  for (const edit of diffEdits(base, proposed)) {
    changed += Math.max(units(base.slice(edit.start, edit.end)), units(edit.text));
  }
  const total = units(base);
  if (total === 0) return changed > 0 ? 1 : 0;
  return changed / total;
}
