import { describe, expect, it } from 'vitest';
import { issuesByField, plainFailure } from '@/app/_lib/plain-words';
import { formatDate, formatDateTime } from '@/app/_lib/dates';
import { conflictingAmendments, conflictSentence } from '@/app/_lib/amendment-conflicts';
import { diffWords } from '@/lib/amendments/diff';

describe('messages in plain words', () => {
  it('names the field in words, never by its code name', () => {
    const failure = {
      status: 400,
      message: 'body.proposedText: Give the text of the new paragraph (proposedText).',
      issues: [{ path: 'body.proposedText', message: 'Give the text of the new paragraph (proposedText).' }],
    };
    expect(plainFailure(failure)).toBe('The wording: give the text of the new paragraph.');
    expect(issuesByField(failure)).toEqual({ proposedText: 'Give the text of the new paragraph.' });
  });

  it('says zod defaults as a person would', () => {
    const failure = {
      status: 400,
      message: 'body.rationale: Too small: expected string to have >=1 characters',
    };
    expect(plainFailure(failure)).toBe('The rationale: it may not be empty');
  });

  it('keeps a message that names no field', () => {
    expect(plainFailure({ status: 409, message: 'A vote is open; close it first.' })).toBe(
      'A vote is open; close it first.',
    );
  });
});

describe('dates as a committee writes them', () => {
  it('writes "1 April 2010", never 04/01/2010', () => {
    expect(formatDate('2010-04-01')).toBe('1 April 2010');
    expect(formatDate(new Date('2010-04-01T23:30:00Z'))).toBe('1 April 2010');
    expect(formatDateTime('2026-11-30T17:05:00Z')).toBe('30 November 2026, 17:05 UTC');
  });
});

describe('amendments that change the same words', () => {
  const paragraph = 'Calls on parliaments to address gender equality concerns in all legislation;';
  const amendment = (id: string, number: string, proposed: string, kind = 'modify') => ({
    id,
    number,
    kind,
    status: 'tabled',
    paragraphId: 'p-8',
    currentText: paragraph,
    redline: { segments: diffWords(paragraph, proposed) },
  });

  it('flags two amendments to the same words before any decision', () => {
    const a1 = amendment('1', 'A/1', paragraph.replace('gender equality concerns', 'the rights of women'));
    const a2 = amendment('2', 'A/2', paragraph.replace('gender equality', 'equality'));
    const a3 = amendment('3', 'A/3', paragraph.replace('all legislation', 'every law'));
    const conflicts = conflictingAmendments([a1, a2, a3]);
    expect(conflicts.get('1')).toEqual(['A/2']);
    expect(conflicts.get('2')).toEqual(['A/1']);
    expect(conflicts.has('3')).toBe(false);
    expect(conflictSentence('A/1', ['A/2'])).toBe('A/1 and A/2 change the same words');
  });

  it('a deletion of the paragraph conflicts with every change to it', () => {
    const del = amendment('d', 'A/4', '', 'delete');
    const a3 = amendment('3', 'A/3', paragraph.replace('all legislation', 'every law'));
    expect(conflictingAmendments([del, a3]).get('3')).toEqual(['A/4']);
  });
});
