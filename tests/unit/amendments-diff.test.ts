import { describe, expect, it } from 'vitest';
import { changedRanges, changeRatio, diffEdits, diffWords, tokenize } from '@/lib/amendments/diff';
import { hashText } from '@/lib/amendments/hash';
import { amendmentRedline, renderRedlineHtml, renderRedlineText } from '@/lib/amendments/redline';
import { exampleParagraphs, op8Amendments, paragraph } from './amendments-example';

const { op8, replaceWords, addClause, deleteOp8 } = op8Amendments(exampleParagraphs());

describe('the redline of an amendment', () => {
  it('shows replaced words as one deletion followed by one insertion, spaces included', () => {
    expect(renderRedlineText(diffWords(op8.text, replaceWords.proposedText))).toBe(
      'Encourages parliaments to mainstream [-gender equality concerns-][+the rights of women and girls+] in all legislation' +
        op8.text.slice(op8.text.indexOf(' and oversight')),
    );
  });

  it('shows an added clause as a pure insertion before the semicolon', () => {
    const segments = diffWords(op8.text, addClause.proposedText);
    expect(segments.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'insert', text: ', including psychosocial support and safe shelter for victims of trafficking' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(addClause.proposedText);
  });

  it('is precise about punctuation: a comma turned into a semicolon is that one character', () => {
    const op1 = paragraph(exampleParagraphs(), 'OP 1').text;
    // OP 1 as published has a stray full stop: "combat drug trafficking. within the framework".
    const corrected = op1.replace('drug trafficking. within', 'drug trafficking, within');
    expect(diffWords(op1, corrected).filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: '.' },
      { op: 'insert', text: ',' },
    ]);
    const at = op1.indexOf('. within');
    expect(changedRanges(op1, corrected)).toEqual([{ start: at, end: at + 1 }]);
  });

  it('keeps words with an inner apostrophe whole ("State’s")', () => {
    expect(tokenize('their respective State’s international obligations;')).toEqual([
      'their',
      ' ',
      'respective',
      ' ',
      'State’s',
      ' ',
      'international',
      ' ',
      'obligations',
      ';',
    ]);
  });

  it('reassembles both texts exactly, whatever the change', () => {
    for (const proposed of [replaceWords.proposedText, addClause.proposedText, '', 'Entirely new words.']) {
      const segments = diffWords(op8.text, proposed);
      expect(
        segments
          .filter((s) => s.op !== 'insert')
          .map((s) => s.text)
          .join(''),
      ).toBe(op8.text);
      expect(
        segments
          .filter((s) => s.op !== 'delete')
          .map((s) => s.text)
          .join(''),
      ).toBe(proposed);
    }
  });

  it('gives back both texts for a 200-word paragraph rewritten throughout (its speed: bench/measure/word-diff.ts)', () => {
    const words = (seed: number) => Array.from({ length: 200 }, (_, i) => `w${(i * seed) % 53}`).join(' ');
    const segments = diffWords(words(7), words(11));
    const side = (skip: 'insert' | 'delete') =>
      segments
        .filter((s) => s.op !== skip)
        .map((s) => s.text)
        .join('');
    expect(side('insert')).toBe(words(7));
    expect(side('delete')).toBe(words(11));
  });
});

describe('changed ranges of the paragraph (for telling competing amendments apart)', () => {
  it('are the characters of the base that the amendment replaces', () => {
    const start = op8.text.indexOf('gender equality concerns');
    expect(changedRanges(op8.text, replaceWords.proposedText)).toEqual([
      { start, end: start + 'gender equality concerns'.length },
    ]);
  });

  it('are zero-width where words are only inserted', () => {
    const end = op8.text.length - 1;
    expect(changedRanges(op8.text, addClause.proposedText)).toEqual([{ start: end, end }]);
  });

  it('are empty when nothing changes', () => {
    expect(changedRanges(op8.text, op8.text)).toEqual([]);
    expect(diffEdits(op8.text, op8.text)).toEqual([]);
  });
});

describe('how much of the paragraph an amendment changes', () => {
  it('counts words and punctuation marks, a replaced word once', () => {
    expect(changeRatio('a b c d', 'a x c d')).toBe(0.25);
    expect(changeRatio('a b c d', 'a c d')).toBe(0.25);
    expect(changeRatio('a b c d', 'a b c d e f')).toBe(0.5);
    expect(changeRatio('a b c d', 'w x y z')).toBe(1);
  });

  it('can exceed 1 when more is added than the paragraph had', () => {
    expect(changeRatio('a b', 'a b c d e f')).toBe(2);
  });

  it('gives the OP 8 amendments 6 and 11 changed units out of 54', () => {
    expect(changeRatio(op8.text, replaceWords.proposedText)).toBeCloseTo(6 / 54);
    expect(changeRatio(op8.text, addClause.proposedText)).toBeCloseTo(11 / 54);
    expect(changeRatio(op8.text, '')).toBe(1);
  });
});

describe('rendering a redline', () => {
  it('escapes markup in HTML, inside and outside the changes', () => {
    const html = renderRedlineHtml(diffWords('Trade & <arms> treaty', 'Trade & <weapons> treaty'));
    expect(html).toBe('Trade &amp; &lt;<del>arms</del><ins>weapons</ins>&gt; treaty');
  });

  it('marks insertions and deletions in plain text', () => {
    expect(renderRedlineText(diffWords('tighten controls of goods', 'tighten entry and exit controls of goods'))).toBe(
      'tighten [+entry and exit +]controls of goods',
    );
  });

  it('shows a deletion as the whole paragraph struck through', () => {
    expect(amendmentRedline(deleteOp8, op8.text)).toEqual({
      segments: [{ op: 'delete', text: op8.text }],
      stale: false,
      conflict: false,
    });
  });

  it('shows a stale but compatible amendment against the paragraph as it reads now', () => {
    const now = replaceWords.proposedText;
    const redline = amendmentRedline(addClause, now);
    expect(redline.stale).toBe(true);
    expect(redline.conflict).toBe(false);
    expect(renderRedlineText(redline.segments)).toContain('the rights of women and girls in all');
    expect(renderRedlineText(redline.segments)).toContain('[+, including psychosocial support');
  });
});

describe('the base hash', () => {
  it('is 16 hex digits, stable, and changes with the text', () => {
    expect(hashText(op8.text)).toMatch(/^[0-9a-f]{16}$/);
    expect(hashText(op8.text)).toBe(hashText(`${op8.text}`));
    expect(hashText(op8.text)).not.toBe(hashText(replaceWords.proposedText));
    expect(hashText('')).toBe('cbf29ce484222325');
  });

  it('does not depend on how an accented letter was typed', () => {
    expect(hashText('Me\u0301xico')).toBe(hashText('M\u00e9xico'));
  });
});
