import { describe, expect, it } from 'vitest';
import { describeParagraph, labelOf, numberParagraphs, subParagraphLetter } from '@/lib/resolution/numbering';
import type { Paragraph } from '@/lib/resolution/types';

const p = (id: string, kind: Paragraph['kind']): Paragraph => ({ id, kind, text: id });

describe('numbers come from position', () => {
  const text = [
    p('a', 'preambular'),
    p('b', 'preambular'),
    p('c', 'operative'),
    p('d', 'subparagraph'),
    p('e', 'subparagraph'),
    p('f', 'operative'),
    p('g', 'subparagraph'),
  ];

  it('numbers preambular and operative paragraphs separately and letters sub-paragraphs per operative paragraph', () => {
    expect(numberParagraphs(text).map((x) => x.label)).toEqual([
      'PP 1',
      'PP 2',
      'OP 1',
      '1 (a)',
      '1 (b)',
      'OP 2',
      '2 (a)',
    ]);
    expect(numberParagraphs(text).map((x) => x.printedNumber)).toEqual(['', '', '1.', '(a)', '(b)', '2.', '(a)']);
  });

  it('a reference by stable id follows the paragraph when one is inserted before it', () => {
    expect(labelOf(text, 'f')).toBe('OP 2');
    const inserted = [...text.slice(0, 2), p('new', 'operative'), ...text.slice(2)];
    expect(labelOf(inserted, 'f')).toBe('OP 3');
    expect(labelOf(inserted, 'gone')).toBeNull();
  });

  it('describes paragraphs the way footnotes name them', () => {
    const n = numberParagraphs(text);
    expect(describeParagraph(n[0])).toBe('preambular paragraph 1');
    expect(describeParagraph(n[5])).toBe('operative paragraph 2');
    expect(describeParagraph(n[4])).toBe('operative paragraph 1 (b)');
  });

  it('letters past z double up as in UN practice', () => {
    expect(subParagraphLetter(1)).toBe('a');
    expect(subParagraphLetter(26)).toBe('z');
    expect(subParagraphLetter(27)).toBe('aa');
  });
});
