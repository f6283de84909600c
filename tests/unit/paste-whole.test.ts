import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_OF_TEXT, pastedLength, pastedParagraphs, wholeResolution } from '@/lib/editor/paste';

/** Issue 13 §6: a whole resolution pasted into the editor is read by the import parser. */
const example = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../data/ipu-122nd-assembly-resolution.txt'),
  'utf8',
);

describe('pasting a whole resolution', () => {
  it('keeps its 15 preambular and 35 operative paragraphs, without heading, numbers or footnote', () => {
    const pasted = pastedParagraphs({ text: example }, 'operative');
    expect(pasted.filter((p) => p.kind === 'preambular')).toHaveLength(15);
    expect(pasted.filter((p) => p.kind === 'operative')).toHaveLength(35);
    const words = pasted.map((p) => p.runs.map((r) => r.text).join(''));
    expect(words.some((w) => /^\d+\./.test(w))).toBe(false);
    expect(words.join(' ')).not.toContain('Resolution adopted by consensus');
    expect(words.join(' ')).not.toContain('expressed a reservation');
  });

  it('is more than a page, so the editor asks first', () => {
    expect(pastedLength(pastedParagraphs({ text: example }, 'operative'))).toBeGreaterThan(PAGE_OF_TEXT);
  });

  it('leaves a few sentences to the ordinary paste', () => {
    expect(wholeResolution('Recalling its earlier work,\n\n1. Decides to act;')).toBeNull();
  });
});
