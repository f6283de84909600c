import { numberParagraphs } from '../resolution/numbering';
import type { Paragraph, ParagraphKind } from '../resolution/types';

/**
 * Paragraph-aware comparison of two versions of a text. Paragraphs are matched by stable
 * id, never by position, so an inserted paragraph shows as one insertion (not as every
 * following paragraph "changed"), and a moved paragraph shows as moved.
 */

export interface WordSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
export type WordDiff = (before: string, after: string) => WordSegment[];

export type ParagraphChange =
  | { change: 'unchanged'; id: string; kind: ParagraphKind; before: string; after: string; text: string }
  | {
      change: 'changed';
      id: string;
      kind: ParagraphKind;
      before: string;
      after: string;
      segments: WordSegment[];
      kindBefore?: ParagraphKind;
    }
  | { change: 'inserted'; id: string; kind: ParagraphKind; after: string; text: string }
  | { change: 'deleted'; id: string; kind: ParagraphKind; before: string; text: string }
  /** `text` is the paragraph as it now reads; `segments` is there when its wording changed too. */
  | {
      change: 'moved';
      id: string;
      kind: ParagraphKind;
      before: string;
      after: string;
      text: string;
      segments?: WordSegment[];
    };

export interface VersionComparison {
  paragraphs: ParagraphChange[];
  counts: Record<ParagraphChange['change'], number>;
}

/** Longest common subsequence of two id lists: the paragraphs that kept their order. */
function stableOrder(a: string[], b: string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      kept.add(a[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return kept;
}

export function compareVersions(
  before: readonly Paragraph[],
  after: readonly Paragraph[],
  wordDiff: WordDiff,
): VersionComparison {
  const left = numberParagraphs(before);
  const right = numberParagraphs(after);
  const leftById = new Map(left.map((p) => [p.id, p]));
  const rightIds = new Set(right.map((p) => p.id));
  const common = (ps: typeof left, other: Set<string>) => ps.filter((p) => other.has(p.id)).map((p) => p.id);
  const kept = stableOrder(common(left, rightIds), common(right, new Set(leftById.keys())));

  const out: ParagraphChange[] = [];
  // Deleted paragraphs are shown where they stood: before the first right-hand paragraph
  // that followed them on the left.
  const deletedBefore = new Map<string, typeof left>();
  let pending: typeof left = [];
  for (const p of left) {
    if (!rightIds.has(p.id)) pending.push(p);
    else {
      if (pending.length) deletedBefore.set(p.id, pending);
      pending = [];
    }
  }
  for (const p of right) {
    for (const d of deletedBefore.get(p.id) ?? [])
      out.push({ change: 'deleted', id: d.id, kind: d.kind, before: d.label, text: d.text });
    const old = leftById.get(p.id);
    if (!old) {
      out.push({ change: 'inserted', id: p.id, kind: p.kind, after: p.label, text: p.text });
    } else if (!kept.has(p.id)) {
      out.push({
        change: 'moved',
        id: p.id,
        kind: p.kind,
        before: old.label,
        after: p.label,
        text: p.text,
        ...(old.text !== p.text ? { segments: wordDiff(old.text, p.text) } : {}),
      });
    } else if (old.text !== p.text || old.kind !== p.kind) {
      out.push({
        change: 'changed',
        id: p.id,
        kind: p.kind,
        before: old.label,
        after: p.label,
        segments: wordDiff(old.text, p.text),
        ...(old.kind !== p.kind ? { kindBefore: old.kind } : {}),
      });
    } else {
      out.push({ change: 'unchanged', id: p.id, kind: p.kind, before: old.label, after: p.label, text: p.text });
    }
  }
  for (const d of pending) out.push({ change: 'deleted', id: d.id, kind: d.kind, before: d.label, text: d.text });

  const counts = { unchanged: 0, changed: 0, inserted: 0, deleted: 0, moved: 0 };
  for (const c of out) counts[c.change]++;
  return { paragraphs: out, counts };
}
