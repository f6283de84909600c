import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph as DocxParagraph, TextRun } from 'docx';
import { parseResolutionText } from '../../lib/resolution/parse';
import { numberParagraphs } from '../../lib/resolution/numbering';
import { renderDraftText } from '../../lib/resolution/plaintext';
import { createDocxReader } from '../../server/docx-reader';
import { docxToText, listHtmlToText } from '../../lib/resolution/docx';
import type { ParsedReservation, ParsedResolution, ParseIssue, ParseResult } from '../../lib/resolution/types';

/** Where a statement is, as a number: 8, "2 (b)", or null for the whole text. */
const where = ({ target: t }: ParsedReservation) =>
  t.kind === 'resolution' ? null : t.kind === 'subparagraph' ? `${t.number} (${t.letter})` : t.number;

const readDocx = createDocxReader();

const example = readFileSync(new URL('../../data/ipu-122nd-assembly-resolution.txt', import.meta.url), 'utf8');

function parsed(text: string): { resolution: ParsedResolution; warnings: ParseIssue[] } {
  const result = parseResolutionText(text);
  if (!result.ok) throw new Error(`expected the text to parse, got ${JSON.stringify(result.errors)}`);
  return result;
}

function errorsOf(result: ParseResult): ParseIssue[] {
  if (result.ok) throw new Error('expected the text to be refused');
  return result.errors;
}

const kinds = (r: ParsedResolution) => r.paragraphs.map((p) => p.kind);
const texts = (r: ParsedResolution, kind: string) => r.paragraphs.filter((p) => p.kind === kind).map((p) => p.text);

describe('the 122nd IPU Assembly resolution as published (data/ipu-122nd-assembly-resolution.txt)', () => {
  const { resolution, warnings } = parsed(example);
  const pp = texts(resolution, 'preambular');
  const op = texts(resolution, 'operative');

  it('has 15 preambular paragraphs followed by 35 operative paragraphs, and no warnings', () => {
    expect(pp).toHaveLength(15);
    expect(op).toHaveLength(35);
    expect(kinds(resolution)).toEqual([...Array(15).fill('preambular'), ...Array(35).fill('operative')]);
    expect(warnings).toEqual([]);
  });

  it('keeps each paragraph’s exact wording, with the operative numbers stripped', () => {
    expect(pp[0]).toMatch(/^Cognizant of the fact that while globalization fosters many positive advancements, /);
    expect(pp[0]).toMatch(/relevant international and domestic legal instruments,$/);
    expect(pp[14]).toBe(
      'Appreciating the positive roles of the IPU, governments, non-governmental organizations and international organizations in joint parliamentary activities to combat transnational organized crime, such as drafting stringent legislative measures to combat the financing of terrorism and cross-border terrorism, and implementing the parliamentary measures set forth in the joint IPU-United Nations Office on Drugs and Crime (UNODC) publication, Combating Trafficking in Persons: A Handbook for Parliamentarians,',
    );
    expect(op[0]).toBe(
      'Fully affirms the strong determination and clear commitment of IPU Member Parliaments to strengthen and harmonize drug-related laws, regulations and additional measures, pursue strong regional cooperation to combat drug trafficking. within the framework of international cooperation, with international legal instruments on drugs, and enhance the technical capability of law enforcement and judicial authorities;',
    );
    expect(op[34]).toBe(
      'Invites parliamentarians to make use of the technical services and expertise provided by UNODC in specialized workshops and training courses, and to call on the United Nations General Assembly in cases related to crime prevention, international drug control and the fight against terrorism.',
    );
  });

  it('reads operative paragraph 8 exactly, without the non-breaking space that trails it in the source', () => {
    expect(op[7]).toBe(
      'Encourages parliaments to mainstream gender equality concerns in all legislation and oversight practices (including the formulation, enforcement and monitoring of laws and budgets) to ensure that women and children are protected from all forms of abuse and that they are provided with legal, medical and other forms of assistance;',
    );
  });

  it('keeps the no-break spaces inside paragraphs ("18 December 2008") and curly apostrophes', () => {
    expect(pp[2]).toContain('resolution 63/194 of 18\u00a0December 2008');
    expect(op[21]).toContain('their respective State’s international obligations');
  });

  it('reads the heading, the adoption by consensus and the enacting formula', () => {
    expect(resolution.heading).toBe(
      'Resolution adopted by consensus* by the 122nd IPU Assembly\n(Bangkok, 1 April 2010)',
    );
    expect(resolution.adoption).toEqual({
      method: 'consensus',
      body: '122nd IPU Assembly',
      place: 'Bangkok',
      date: '2010-04-01',
    });
    expect(resolution.enactingFormula).toBe('The 122nd Assembly of the Inter-Parliamentary Union,');
  });

  it('records the footnote as the reservation of Iran (Islamic Rep. of) on operative paragraph 8', () => {
    const op8 = resolution.paragraphs.filter((p) => p.kind === 'operative')[7];
    expect(resolution.reservations).toEqual([
      {
        delegation: 'Iran (Islamic Rep. of)',
        kind: 'reservation',
        target: { kind: 'operative', number: 8 },
        paragraphId: op8.id,
        text: 'in relation to the concept of "gender equality".',
        footnote: 0,
      },
    ]);
    expect(resolution.footnotes).toEqual([
      {
        line: 110,
        marker: '*',
        text: 'The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 8 in relation to the concept of "gender equality".',
        statements: 1,
      },
    ]);
  });

  it('skips the page furniture: logo and address lines, the download note', () => {
    const everything = JSON.stringify(resolution);
    for (const furniture of ['Logo', 'Chemin du Pommier', 'Grand-Saconnex', 'Acrobat', 'you can download']) {
      expect(everything).not.toContain(furniture);
    }
  });

  it('gives every paragraph its own new stable id', () => {
    const ids = resolution.paragraphs.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^p-[0-9a-f]{18}$/);
    expect(parsed(example).resolution.paragraphs[0].id).not.toBe(ids[0]);
  });
});

describe('drafts', () => {
  it('a draft with no heading and no enacting formula: preambular then numbered operative paragraphs', () => {
    const { resolution, warnings } = parsed(
      'Recalling its resolution on migration,\n\nNoting with concern the rise in\ntrafficking in persons,\n\n1. Decides to act;\n\n2. Requests a report.\n',
    );
    expect(resolution.heading).toBeNull();
    expect(resolution.adoption).toBeNull();
    expect(resolution.enactingFormula).toBeNull();
    expect(resolution.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['preambular', 'Recalling its resolution on migration,'],
      ['preambular', 'Noting with concern the rise in trafficking in persons,'],
      ['operative', 'Decides to act;'],
      ['operative', 'Requests a report.'],
    ]);
    expect(warnings).toEqual([
      { line: 3, message: expect.stringMatching(/^lines 3–4 were joined into one paragraph/) },
    ]);
  });

  it('a "Draft resolution" heading is kept as printed, with no adoption record; "The General Assembly," is a formula', () => {
    const { resolution } = parsed(
      'Draft resolution submitted by the Drafting Committee\n\nThe General Assembly,\n\nRecalling X,\n\n1. Decides Y.',
    );
    expect(resolution.heading).toBe('Draft resolution submitted by the Drafting Committee');
    expect(resolution.adoption).toBeNull();
    expect(resolution.enactingFormula).toBe('The General Assembly,');
    expect(kinds(resolution)).toEqual(['preambular', 'operative']);
  });

  it('a paragraph may run over several lines, and a new number starts a new paragraph without a blank line', () => {
    const { resolution } = parsed('Recalling\tX\u00a0and\n   Y,\n  1.  Decides\n to act;\n  2. Requests   a report.');
    expect(resolution.paragraphs.map((p) => p.text)).toEqual([
      'Recalling X\u00a0and Y,',
      'Decides to act;',
      'Requests a report.',
    ]);
  });

  it('a preamble pasted without blank lines still splits at "Recalling", "Noting"… after a comma', () => {
    const { resolution } = parsed('The Assembly,\nRecalling X and\nY,\nNoting Z,\nAlso noting W,\n1. Decides.');
    expect(resolution.enactingFormula).toBe('The Assembly,');
    expect(texts(resolution, 'preambular')).toEqual(['Recalling X and Y,', 'Noting Z,', 'Also noting W,']);
  });

  it('warns, with the line, when operative numbers skip or repeat, and still places the paragraphs in order', () => {
    const { resolution, warnings } = parsed('Recalling X,\n\n1. Decides A;\n\n3. Decides B;\n\n3. Decides C.');
    expect(texts(resolution, 'operative')).toEqual(['Decides A;', 'Decides B;', 'Decides C.']);
    expect(warnings.map((w) => w.line)).toEqual([5, 7]);
    expect(warnings[0].message).toMatch(/is numbered 3 where 2 was expected; it is placed as operative paragraph 2/);
    expect(warnings[1].message).toMatch(/repeats number 3; it is placed as operative paragraph 3/);
  });

  it('joins a paragraph broken by a page number, with a warning', () => {
    const { resolution, warnings } = parsed(
      'Recalling drug trafficking,\n\n- 2 -\n\nillegal arms and terrorism,\n\n1. Decides.',
    );
    expect(texts(resolution, 'preambular')).toEqual(['Recalling drug trafficking, illegal arms and terrorism,']);
    expect(warnings).toEqual([{ line: 5, message: expect.stringMatching(/joined to the paragraph above/) }]);
  });
});

describe('title lines and the enacting formula', () => {
  it('a title above the heading is part of the heading', () => {
    const { resolution } = parsed(
      'COMBATING ORGANIZED CRIME\n\nResolution adopted by consensus by the Assembly\n\nThe Assembly,\n\nRecalling X,\n\n1. Decides.',
    );
    expect(resolution.heading).toBe('COMBATING ORGANIZED CRIME\nResolution adopted by consensus by the Assembly');
    expect(resolution.adoption).toEqual({ method: 'consensus', body: 'Assembly' });
  });

  it('other text before the enacting formula cannot be placed', () => {
    const errors = errorsOf(
      parseResolutionText(
        'This draft was circulated on 3 May.\n\nThe General Assembly,\n\nRecalling X,\n\n1. Decides.',
      ),
    );
    expect(errors).toEqual([
      {
        line: 1,
        message: 'cannot place this text: it comes before the enacting formula (line 3) but is not a heading',
      },
    ]);
  });
});

describe('sub-paragraphs', () => {
  it('(a), (b) belong to the operative paragraph above them, and (i), (ii) to the sub-paragraph above them', () => {
    const { resolution } = parsed(
      'Recalling X,\n\n  1. Calls upon States:\n      (a) To ratify the Convention;\n      (b) To implement it, including:\n          (i) by law;\n\n  2. Decides to remain seized of the matter.',
    );
    expect(resolution.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['preambular', 'Recalling X,'],
      ['operative', 'Calls upon States:'],
      ['subparagraph', 'To ratify the Convention;'],
      ['subparagraph', 'To implement it, including:'],
      ['subsubparagraph', 'by law;'],
      ['operative', 'Decides to remain seized of the matter.'],
    ]);
  });

  it('"(i)" after "(h)" is the ninth sub-paragraph; "(ii)" carries on a run of (i); a letter ends it', () => {
    const letters = 'abcdefghi'.split('').map((l) => `(${l}) item ${l};`);
    const ninth = parsed(`1. Calls for:\n${letters.join('\n')}\n2. Decides.`).resolution;
    expect(ninth.paragraphs.filter((p) => p.kind === 'subparagraph')).toHaveLength(9);
    const nested = parsed(
      '1. Calls for:\n(a) laws that:\n(i) protect;\n(ii) punish;\n(iii) repair;\n(b) courts;\n2. Decides.',
    ).resolution;
    expect(nested.paragraphs.map((p) => p.kind)).toEqual([
      'operative',
      'subparagraph',
      'subsubparagraph',
      'subsubparagraph',
      'subsubparagraph',
      'subparagraph',
      'operative',
    ]);
    const labels = numberParagraphs(nested.paragraphs).map((p) => p.label);
    expect(labels).toEqual(['OP 1', '1 (a)', '1 (a) (i)', '1 (a) (ii)', '1 (a) (iii)', '1 (b)', 'OP 2']);
  });

  it('a sub-paragraph before any operative paragraph is an error at its line', () => {
    const errors = errorsOf(parseResolutionText('Recalling X,\n\n(a) To ratify;\n\n1. Decides.'));
    expect(errors).toEqual([
      { line: 3, message: expect.stringMatching(/sub-paragraph \(a\) comes before any numbered operative paragraph/) },
    ]);
  });
});

describe('headings and adoption records', () => {
  const body = '\n\nThe Assembly,\n\nRecalling X,\n\n1. Decides Y.';
  const adoptionOf = (heading: string) => parsed(heading + body).resolution.adoption;

  it('a heading on one line', () => {
    expect(adoptionOf('Resolution adopted by consensus by the 122nd IPU Assembly (Bangkok, 1 April 2010)')).toEqual({
      method: 'consensus',
      body: '122nd IPU Assembly',
      place: 'Bangkok',
      date: '2010-04-01',
    });
  });

  it('adopted by a vote, with the counts as printed (thousands separators, the last date of a range)', () => {
    expect(
      adoptionOf(
        'Resolution adopted by 1,089 votes to 96, with 235 abstentions, by the 120th IPU Assembly\n(Addis Ababa, 5 – 10 April 2009)',
      ),
    ).toEqual({
      method: 'vote',
      body: '120th IPU Assembly',
      place: 'Addis Ababa',
      date: '2009-04-10',
      votes: { yes: 1089, no: 96, abstain: 235 },
    });
    expect(adoptionOf('Resolution adopted by a vote by the Assembly')).toEqual({ method: 'vote', body: 'Assembly' });
    expect(adoptionOf('Resolution adopted by 20 votes to 3, with no abstentions, by the Committee')?.votes).toEqual({
      yes: 20,
      no: 3,
      abstain: 0,
    });
  });

  it('adopted by a recorded vote', () => {
    expect(
      adoptionOf(
        'Resolution adopted by a recorded vote of 120 to 5, with 10 abstentions, by the General Assembly (New York, 20 December 2012)',
      ),
    ).toEqual({
      method: 'recorded_vote',
      body: 'General Assembly',
      place: 'New York',
      date: '2012-12-20',
      votes: { yes: 120, no: 5, abstain: 10 },
    });
  });

  it('adopted without a vote', () => {
    expect(
      adoptionOf('Resolution adopted without a vote by the Human Rights Council\n(Geneva, 2 October 2009)'),
    ).toEqual({
      method: 'without_vote',
      body: 'Human Rights Council',
      place: 'Geneva',
      date: '2009-10-02',
    });
  });

  it('a heading that says "adopted" but not how, or names an impossible date, gives a warning at the heading', () => {
    const { resolution, warnings } = parsed(`Resolution adopted by the Assembly (Geneva, 31 February 2010)${body}`);
    expect(resolution.adoption).toEqual({ method: 'vote', body: 'Assembly', place: 'Geneva' });
    expect(warnings).toEqual([
      { line: 1, message: expect.stringMatching(/"31 February 2010" in the heading is not a valid date/) },
      { line: 1, message: expect.stringMatching(/adopted but not how; it is recorded as adopted by a vote/) },
    ]);
    const dated = parsed(`Resolution adopted by consensus by the Assembly (Geneva, 31 February 2010)${body}`);
    expect(dated.resolution.adoption).toEqual({ method: 'consensus', body: 'Assembly', place: 'Geneva' });
    expect(dated.warnings[0].message).toMatch(/"31 February 2010" in the heading is not a valid date/);
  });
});

describe('footnotes recording reservations', () => {
  const withFootnotes = (footnotes: string) =>
    parsed(`The Assembly,\n\nRecalling X,\n\n1. A;\n\n2. B;\n\n3. C;\n\n4. D;\n\n5. E.\n\n${footnotes}`);

  it('reads several footnotes, several delegations and each kind of statement', () => {
    const { resolution, warnings } = withFootnotes(
      [
        '* The delegations of India and Trinidad and Tobago expressed reservations on operative paragraphs 3 and 5.',
        '** The delegation of Cuba dissociated itself from operative paragraph 4, which it considers unbalanced.',
        '*** The delegation of the Holy See made an interpretative statement on the resolution as a whole.',
        '¹ The delegation of Venezuela (Bolivarian Republic of) expressed a reservation on the entire resolution.',
        '2 The delegations of Chile, Peru and Mexico expressed reservations on operative paragraphs 1 and 2, respectively.',
      ].join('\n\n'),
    );
    expect(warnings).toEqual([]);
    const summary = resolution.reservations.map((r) => [r.delegation, r.kind, where(r), r.text]);
    expect(summary).toEqual([
      ['India', 'reservation', 3, ''],
      ['India', 'reservation', 5, ''],
      ['Trinidad and Tobago', 'reservation', 3, ''],
      ['Trinidad and Tobago', 'reservation', 5, ''],
      ['Cuba', 'dissociation', 4, 'which it considers unbalanced.'],
      ['Holy See', 'interpretative_statement', null, ''],
      ['Venezuela (Bolivarian Republic of)', 'reservation', null, ''],
      // "respectively" pairs only when the counts match: three delegations, two paragraphs → every pair.
      ['Chile', 'reservation', 1, ''],
      ['Chile', 'reservation', 2, ''],
      ['Peru', 'reservation', 1, ''],
      ['Peru', 'reservation', 2, ''],
      ['Mexico', 'reservation', 1, ''],
      ['Mexico', 'reservation', 2, ''],
    ]);
    expect(resolution.footnotes[resolution.reservations[4].footnote].text).toBe(
      'The delegation of Cuba dissociated itself from operative paragraph 4, which it considers unbalanced.',
    );
  });

  it('"respectively" pairs delegations with paragraphs when the counts match', () => {
    const { resolution } = withFootnotes(
      '* The delegations of Chile and Peru expressed reservations on operative paragraphs 1 and 2, respectively.',
    );
    expect(resolution.reservations.map((r) => [r.delegation, where(r)])).toEqual([
      ['Chile', 1],
      ['Peru', 2],
    ]);
  });

  it('a footnote that records no reservation is left out with a warning; one naming a missing paragraph is warned about', () => {
    const { resolution, warnings } = withFootnotes(
      '* Document A/64/123.\n\n** The delegation of Cuba expressed a reservation on operative paragraph 9.',
    );
    expect(resolution.reservations.map((r) => where(r))).toEqual([9]);
    expect(warnings.map((w) => w.line)).toEqual([15, 17]);
    expect(warnings[0].message).toMatch(/footnote kept as printed, but "Document A\/64\/123\." records no reservation/);
    expect(warnings[1].message).toMatch(/refers to operative paragraph 9, which the text does not have/);
  });

  it('a footnote printed at the foot of a page, between paragraphs, is read and the text carries on', () => {
    const { resolution, warnings } = parsed(
      'Recalling X,\n\n1. A;\n\n* The delegation of Cuba expressed a reservation on operative paragraph 2.\n\nPage 2\n\n2. B.',
    );
    expect(texts(resolution, 'operative')).toEqual(['A;', 'B.']);
    expect(resolution.reservations.map((r) => [r.delegation, where(r)])).toEqual([['Cuba', 2]]);
    expect(warnings).toEqual([]);
  });

  it('text after the footnotes that is not page furniture cannot be placed', () => {
    const errors = errorsOf(
      parseResolutionText(
        'Recalling X,\n\n1. Decides.\n\n* The delegation of Cuba expressed a reservation on operative paragraph 1.\n\nBuy milk on the way home\n\nPage 2',
      ),
    );
    expect(errors).toEqual([
      {
        line: 7,
        message: expect.stringMatching(/^cannot place this text: .* after the operative paragraphs and footnotes/),
      },
    ]);
  });
});

describe('text that is not a resolution is refused with line numbers', () => {
  it('empty input, or only blank lines and page furniture, fails at line 1', () => {
    for (const text of ['', '   \n\u00a0\n\t', 'Page 2\n- 3 -']) {
      expect(errorsOf(parseResolutionText(text))).toEqual([
        { line: 1, message: expect.stringMatching(/the text is empty/) },
      ]);
    }
  });

  it('prose with no numbered operative paragraph fails', () => {
    const errors = errorsOf(
      parseResolutionText('\n\nThe weather was fine and we walked to the lake.\nIt was a good day.'),
    );
    expect(errors).toEqual([{ line: 3, message: expect.stringMatching(/no numbered operative paragraph/) }]);
  });

  it('JSON and code fail at each offending line', () => {
    const json = errorsOf(parseResolutionText('{\n  "title": "Resolution",\n  "paragraphs": [1, 2]\n}'));
    expect(json.map((e) => e.line)).toEqual([1, 2, 3, 4]);
    expect(json[0].message).toMatch(/looks like code or JSON/);
    const code = errorsOf(parseResolutionText('import { x } from "y";\n\nconst a = 1;\n\n1. console.log(a);'));
    expect(code.map((e) => e.line)).toEqual([1, 3, 5]);
  });

  it('an e-mail fails at its header and greeting lines', () => {
    const errors = errorsOf(
      parseResolutionText(
        'From: Ana <ana@example.org>\nSubject: lunch\n\nHi Bob,\n\nAre we still on for Friday?\n\nThanks,\nAna',
      ),
    );
    expect(errors.map((e) => e.line)).toEqual(expect.arrayContaining([1, 2, 4]));
  });

  it('a shopping list, numbered or not, fails', () => {
    expect(errorsOf(parseResolutionText('1. eggs\n2. milk\n3. bread')).map((e) => e.line)).toEqual([1, 2, 3]);
    expect(errorsOf(parseResolutionText('eggs\nmilk\nbread'))[0].message).toMatch(/no numbered operative paragraph/);
  });

  it('input over 2 MB of UTF-8 fails at line 1 naming the limit; exactly 2 MB is read', () => {
    const limit = 2 * 1024 * 1024;
    const big = errorsOf(parseResolutionText('é'.repeat(limit / 2 + 1)));
    expect(big).toEqual([{ line: 1, message: expect.stringMatching(/the limit is 2 MB \(2097152 bytes of UTF-8\)/) }]);
    const frame = 'Recalling ,\n\n1. Decides.\n';
    const exact = `Recalling ${'a'.repeat(limit - frame.length)},\n\n1. Decides.\n`;
    expect(new TextEncoder().encode(exact).length).toBe(limit);
    expect(parseResolutionText(exact).ok).toBe(true);
  });
});

describe('renderDraftText', () => {
  it('writes the layout of the published text', () => {
    const { resolution } = parsed(
      'The Assembly,\n\nRecalling X,\n\n1. Calls upon States:\n(a) To act;\n(b) To report;\n\n2. Decides.',
    );
    expect(renderDraftText(resolution)).toBe(
      'The Assembly,\n\nRecalling X,\n\n  1. Calls upon States:\n\n      (a) To act;\n\n      (b) To report;\n\n  2. Decides.\n',
    );
  });

  it('round-trips the example: same heading, adoption, formula, kinds and texts', () => {
    const first = parsed(example).resolution;
    const again = parsed(renderDraftText(first)).resolution;
    expect(again.heading).toBe(first.heading);
    expect(again.adoption).toEqual(first.adoption);
    expect(again.enactingFormula).toBe(first.enactingFormula);
    expect(again.paragraphs.map((p) => [p.kind, p.text])).toEqual(first.paragraphs.map((p) => [p.kind, p.text]));
  });

  it('round-trips a draft without heading or formula, with sub-paragraphs, leaving out empty paragraphs', () => {
    const paragraphs = [
      { id: 'p-1', kind: 'preambular' as const, text: 'Recalling its earlier resolutions,' },
      { id: 'p-2', kind: 'operative' as const, text: 'Calls upon States:' },
      { id: 'p-3', kind: 'subparagraph' as const, text: 'To ratify;' },
      { id: 'p-4', kind: 'operative' as const, text: '  ' },
      { id: 'p-5', kind: 'operative' as const, text: 'Decides to remain\nseized of the matter.' },
    ];
    const text = renderDraftText({ heading: null, enactingFormula: '', paragraphs });
    expect(text).toContain('  2. Decides to remain seized of the matter.');
    const again = parsed(text);
    expect(again.warnings).toEqual([]);
    expect(again.resolution.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['preambular', 'Recalling its earlier resolutions,'],
      ['operative', 'Calls upon States:'],
      ['subparagraph', 'To ratify;'],
      ['operative', 'Decides to remain seized of the matter.'],
    ]);
  });
});

describe('docxToText: a Word upload goes through the same parser', () => {
  const lines = [
    'Resolution adopted by consensus by the 122nd IPU Assembly',
    '(Bangkok, 1 April 2010)',
    'The 122nd Assembly of the Inter-Parliamentary Union,',
    'Recalling its earlier resolutions,',
    '1. Decides to act;',
    '(a) By law;',
    '2. Requests a report.',
  ];
  const docx = () =>
    Packer.toBuffer(
      new Document({ sections: [{ children: lines.map((l) => new DocxParagraph({ children: [new TextRun(l)] })) }] }),
    );

  it('reads the paragraphs of a .docx', async () => {
    const text = await docxToText(new Uint8Array(await docx()), readDocx);
    const { resolution } = parsed(text);
    expect(resolution.adoption?.method).toBe('consensus');
    expect(resolution.enactingFormula).toBe('The 122nd Assembly of the Inter-Parliamentary Union,');
    expect(resolution.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['preambular', 'Recalling its earlier resolutions,'],
      ['operative', 'Decides to act;'],
      ['subparagraph', 'By law;'],
      ['operative', 'Requests a report.'],
    ]);
  });

  it('numbers what Word numbered automatically: operative paragraphs 1, 2, 3… and sub-paragraphs (a), (b)…', async () => {
    const numbered = (text: string, level: number) =>
      new DocxParagraph({ children: [new TextRun(text)], numbering: { reference: 'ops', level } });
    const plain = (text: string) => new DocxParagraph({ children: [new TextRun(text)] });
    const bytes = await Packer.toBuffer(
      new Document({
        numbering: {
          config: [
            {
              reference: 'ops',
              levels: [
                { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
                { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START },
              ],
            },
          ],
        },
        sections: [
          {
            children: [
              plain('The 122nd Assembly of the Inter-Parliamentary Union,'),
              plain('Recalling its earlier resolutions & decisions,'),
              numbered('Decides to act;', 0),
              numbered('By law;', 1),
              numbered('By example;', 1),
              numbered('Requests a report;', 0),
              numbered('Decides to remain seized of the matter.', 0),
            ],
          },
        ],
      }),
    );
    const text = await docxToText(new Uint8Array(bytes), readDocx);
    const { resolution } = parsed(text);
    expect(resolution.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['preambular', 'Recalling its earlier resolutions & decisions,'],
      ['operative', 'Decides to act;'],
      ['subparagraph', 'By law;'],
      ['subparagraph', 'By example;'],
      ['operative', 'Requests a report;'],
      ['operative', 'Decides to remain seized of the matter.'],
    ]);
  });

  it('continues operative numbering across lists an unnumbered paragraph interrupts', () => {
    const html =
      '<p>Recalling X,</p><ol><li>Decides A;</li><li>Decides B;<ol><li>by law;</li></ol></li></ol><p>Noting Y,</p><ol><li><p>Decides C.</p></li></ol><ul><li>bullet</li></ul>';
    expect(listHtmlToText(html).split('\n\n')).toEqual([
      'Recalling X,',
      '1. Decides A;',
      '2. Decides B;',
      '(a) by law;',
      'Noting Y,',
      '3. Decides C.',
      'bullet',
    ]);
  });

  it('refuses a file that is not a .docx, or a damaged one, with a clear message', async () => {
    await expect(docxToText(new TextEncoder().encode('Recalling X,\n\n1. Decides.'), readDocx)).rejects.toThrow(
      /a Word document is a ZIP package, and this file is not one/,
    );
    const damaged = new Uint8Array(await docx()).slice(0, 200);
    await expect(docxToText(damaged, readDocx)).rejects.toThrow(
      /could not be read as a Word document: its ZIP structure is damaged/,
    );
  });
});
