import { describe, expect, it } from 'vitest';
import {
  alignVersion,
  confirmWording,
  countStatuses,
  describeCounts,
  isComplete,
  sameStructure,
  versionStructure,
} from '@/lib/languages/alignment';
import { isRightToLeft, normaliseLanguageCode, textDirection, threeLetterCode } from '@/lib/languages/codes';
import { matchTranslatedText } from '@/lib/languages/translated-text';
import { applyAmendment } from '@/lib/amendments/apply';
import { renderRedlineText } from '@/lib/amendments/redline';
import { numberParagraphs } from '@/lib/resolution/numbering';
import type { Paragraph } from '@/lib/resolution/types';
import { deletion, idSequence, insertion, modify, move } from './amendments-example';

const original: Paragraph[] = [
  { id: 'pp1', kind: 'preambular', text: 'Recalling its earlier work,' },
  { id: 'op1', kind: 'operative', text: 'Decides to act;' },
  { id: 'op2', kind: 'operative', text: 'Invites parliaments to report;' },
  { id: 'op2a', kind: 'subparagraph', text: 'on trafficking in persons;' },
  { id: 'op3', kind: 'operative', text: 'Encourages parliaments to mainstream gender equality concerns.' },
];

const french = [
  confirmWording('pp1', 'Rappelant ses travaux antérieurs,', original[0].text),
  confirmWording('op1', 'Décide d’agir;', original[1].text),
  confirmWording('op2', 'Invite les parlements à faire rapport;', original[2].text),
  confirmWording('op3', 'Encourage les parlements à intégrer l’égalité des sexes.', original[4].text),
];

describe('a language version aligned with its original by paragraph id', () => {
  it('has exactly the original’s paragraphs, kinds and numbers, each with a status', () => {
    const aligned = alignVersion(numberParagraphs(original), french);
    expect(aligned.map((p) => [p.id, p.kind, p.label, p.status])).toEqual([
      ['pp1', 'preambular', 'PP 1', 'up_to_date'],
      ['op1', 'operative', 'OP 1', 'up_to_date'],
      ['op2', 'operative', 'OP 2', 'up_to_date'],
      ['op2a', 'subparagraph', '2 (a)', 'missing'],
      ['op3', 'operative', 'OP 3', 'up_to_date'],
    ]);
    expect(aligned[2].translation).toBe('Invite les parlements à faire rapport;');
    expect(countStatuses(aligned)).toEqual({ total: 5, upToDate: 4, needsTranslation: 0, missing: 1 });
    expect(isComplete(countStatuses(aligned))).toBe(false);
  });

  it('an adopted amendment to OP 3 makes its translation need translation, with the change as a redline, until updated', () => {
    const amended = applyAmendment(
      original,
      modify('A/1', original[4], 'Encourages parliaments to mainstream gender concerns.'),
      idSequence(),
    );
    const aligned = alignVersion(numberParagraphs(amended), french);
    const op3 = aligned.find((p) => p.id === 'op3')!;
    expect(op3.status).toBe('needs_translation');
    expect(renderRedlineText(op3.originalChange!)).toBe(
      'Encourages parliaments to mainstream gender [-equality -]concerns.',
    );
    expect(describeCounts('fr', countStatuses(aligned))).toBe('fr: 3 up to date, 1 needs translation, 1 missing');

    const updated = french.map((w) =>
      w.id === 'op3' ? confirmWording('op3', 'Encourage les parlements à intégrer le genre.', amended[4].text) : w,
    );
    expect(alignVersion(numberParagraphs(amended), updated).find((p) => p.id === 'op3')!.status).toBe('up_to_date');
  });

  it('confirming keeps the words and marks the paragraph up to date', () => {
    const changed = original.map((p) => (p.id === 'op1' ? { ...p, text: 'Decides to act now;' } : p));
    const before = french.find((w) => w.id === 'op1')!;
    expect(alignVersion(numberParagraphs(changed), french)[1].status).toBe('needs_translation');
    const confirmed = confirmWording('op1', before.text, 'Decides to act now;');
    const after = alignVersion(numberParagraphs(changed), [confirmed])[1];
    expect(after).toMatchObject({ status: 'up_to_date', translation: 'Décide d’agir;' });
  });

  it('structure comes from the original: an insertion is missing, a deletion disappears, a move renumbers', () => {
    const newId = () => 'op4';
    const withoutOp1 = applyAmendment(original, deletion('A/1', original[1]), newId);
    const inserted = applyAmendment(
      withoutOp1,
      insertion('A/2', original[4], 'after', 'operative', 'Decides to remain seized of the matter.'),
      newId,
    );
    const restructured = applyAmendment(inserted, move('A/3', original[4], original[2], 'before'), newId);
    const aligned = alignVersion(numberParagraphs(restructured), french);
    expect(aligned.map((p) => [p.id, p.label, p.status])).toEqual([
      ['pp1', 'PP 1', 'up_to_date'],
      ['op3', 'OP 1', 'up_to_date'],
      ['op2', 'OP 2', 'up_to_date'],
      ['op2a', '2 (a)', 'missing'],
      ['op4', 'OP 3', 'missing'],
    ]);
    const translations = new Map(french.map((w) => [w.id, w.text]));
    const version = versionStructure(restructured, translations);
    expect(sameStructure(version, restructured)).toBe(true);
    expect(version.map((p) => p.text)).toEqual([
      'Rappelant ses travaux antérieurs,',
      'Encourage les parlements à intégrer l’égalité des sexes.',
      'Invite les parlements à faire rapport;',
      '',
      '',
    ]);
    expect(sameStructure(version, original)).toBe(false);
  });

  it('a blank wording is missing, not up to date', () => {
    const blank = confirmWording('pp1', '   ', original[0].text);
    expect(alignVersion(numberParagraphs(original), [blank])[0].status).toBe('missing');
  });
});

describe('language codes', () => {
  it('Arabic, Hebrew, Persian and Urdu are written right to left; French and Chinese are not', () => {
    for (const code of ['ar', 'he', 'fa', 'ur', 'ar-EG']) expect(isRightToLeft(code), code).toBe(true);
    for (const code of ['fr', 'en', 'zh', 'ru', 'es']) expect(textDirection(code), code).toBe('ltr');
    expect(textDirection('ar')).toBe('rtl');
  });

  it('codes are normalised and checked; Akoma Ntoso gets three letters', () => {
    expect(normaliseLanguageCode(' FR ')).toBe('fr');
    expect(normaliseLanguageCode('pt_br')).toBe('pt-BR');
    expect(normaliseLanguageCode('french')).toBeNull();
    expect(normaliseLanguageCode('../x')).toBeNull();
    expect(threeLetterCode('fr')).toBe('fra');
    expect(threeLetterCode('ar')).toBe('ara');
  });
});

describe('a translated text file matched by paragraph numbers', () => {
  const numbered = numberParagraphs(original);

  it('skips the heading and formula, matches preambular paragraphs in order and numbered ones by number', () => {
    const file = [
      'Résolution adoptée par consensus par la 122e Assemblée de l’UIP',
      '',
      'La 122e Assemblée de l’Union interparlementaire,',
      '',
      'Rappelant ses travaux antérieurs,',
      '',
      '  1. Décide d’agir;',
      '',
      '  2. Invite les parlements',
      '     à faire rapport;',
      '',
      '      a) sur la traite des personnes;',
      '',
      '  3. Encourage les parlements.',
    ].join('\n');
    const match = matchTranslatedText(file, numbered);
    expect(match.errors).toEqual([]);
    expect(match.skipped.map((s) => s.line)).toEqual([1, 3]);
    expect(match.paragraphs.map((p) => [p.paragraphId, p.text])).toEqual([
      ['pp1', 'Rappelant ses travaux antérieurs,'],
      ['op1', 'Décide d’agir;'],
      ['op2', 'Invite les parlements à faire rapport;'],
      ['op2a', 'sur la traite des personnes;'],
      ['op3', 'Encourage les parlements.'],
    ]);
    expect(match.untranslated).toEqual([]);
  });

  it('reports numbers the original does not have, with their line, and what is left untranslated', () => {
    const match = matchTranslatedText('1. Décide;\n\n7. Inconnu;\n\n1. Encore;', numbered);
    expect(match.errors).toEqual([
      { line: 3, message: 'The original has no paragraph OP 7.' },
      { line: 5, message: 'Paragraph OP 1 appears twice.' },
    ]);
    expect(match.untranslated).toEqual(['PP 1', 'OP 2', '2 (a)', 'OP 3']);
  });
});
