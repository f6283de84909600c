import { describe, expect, it } from 'vitest';
import { compareVersions, type WordDiff } from '@/lib/versions/compare';
import type { Paragraph } from '@/lib/resolution/types';

const p = (id: string, kind: Paragraph['kind'], text: string): Paragraph => ({ id, kind, text });
/** Whole-text replacement is enough to test paragraph matching; word diffs are tested with the amendments. */
const replaceAll: WordDiff = (a, b) => [
  { op: 'delete', text: a },
  { op: 'insert', text: b },
];

const before = [
  p('a', 'preambular', 'Recalling x,'),
  p('b', 'operative', 'Decides one;'),
  p('c', 'operative', 'Decides two;'),
  p('d', 'operative', 'Decides three.'),
];

describe('comparing two versions paragraph by paragraph', () => {
  it('an inserted paragraph is one insertion, not every later paragraph changed', () => {
    const after = [before[0], p('n', 'operative', 'New;'), ...before.slice(1)];
    const cmp = compareVersions(before, after, replaceAll);
    expect(cmp.counts).toEqual({ unchanged: 4, changed: 0, inserted: 1, deleted: 0, moved: 0 });
    const d = cmp.paragraphs.find((x) => x.id === 'd')!;
    expect(d).toMatchObject({ change: 'unchanged', before: 'OP 3', after: 'OP 4' });
  });

  it('shows deleted paragraphs where they stood', () => {
    const after = [before[0], before[1], before[3]];
    const cmp = compareVersions(before, after, replaceAll);
    expect(cmp.paragraphs.map((x) => `${x.change}:${x.id}`)).toEqual([
      'unchanged:a',
      'unchanged:b',
      'deleted:c',
      'unchanged:d',
    ]);
  });

  it('shows a moved paragraph as moved, with its old and new number', () => {
    const after = [before[0], before[3], before[1], before[2]];
    const cmp = compareVersions(before, after, replaceAll);
    expect(cmp.paragraphs.find((x) => x.id === 'd')).toMatchObject({ change: 'moved', before: 'OP 3', after: 'OP 1' });
    expect(cmp.counts.moved).toBe(1);
  });

  it('shows word changes inside a changed paragraph, and a change of kind', () => {
    const after = [
      before[0],
      p('b', 'operative', 'Decides one and more;'),
      p('c', 'subparagraph', 'Decides two;'),
      before[3],
    ];
    const cmp = compareVersions(before, after, replaceAll);
    expect(cmp.paragraphs.find((x) => x.id === 'b')).toMatchObject({
      change: 'changed',
      segments: replaceAll('Decides one;', 'Decides one and more;'),
    });
    expect(cmp.paragraphs.find((x) => x.id === 'c')).toMatchObject({ change: 'changed', kindBefore: 'operative' });
  });
});
