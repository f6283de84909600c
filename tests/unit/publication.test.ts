import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseResolutionText } from '../../lib/resolution/parse';
import { readHeading } from '../../lib/resolution/parse-heading';
import type { AdoptionRecord, Paragraph, ParsedResolution } from '../../lib/resolution/types';
import { buildPublishedDocument } from '../../lib/publication/document';
import { composeFootnotes } from '../../lib/publication/footnotes';
import { formatPublicationDate, renderHeading } from '../../lib/publication/heading';
import { renderPublishedHtml } from '../../lib/publication/html';
import { renderPublishedText } from '../../lib/publication/plain-text';
import type { PublicationReservation } from '../../lib/publication/types';

const exampleText = readFileSync(new URL('../../data/ipu-122nd-assembly-resolution.txt', import.meta.url), 'utf8');

function parsedExample(): ParsedResolution {
  const result = parseResolutionText(exampleText);
  if (!result.ok) throw new Error(`the example no longer parses: ${JSON.stringify(result.errors)}`);
  return result.resolution;
}

const bangkok: AdoptionRecord = {
  method: 'consensus',
  body: '122nd IPU Assembly',
  place: 'Bangkok',
  date: '2010-04-01',
};
const IRAN_WORDS = 'in relation to the concept of "gender equality".';

/** Lines compared with whitespace normalised: NBSP → space, runs of spaces collapsed, blank lines dropped. */
const normalisedLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) =>
      l
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l !== '');

let seq = 0;
const para = (kind: Paragraph['kind'], text: string): Paragraph => {
  seq += 1;
  return { id: `p${seq}`, kind, text };
};

describe('the 122nd IPU Assembly resolution, published again', () => {
  it('reproduces the published text: heading, 15 preambular and 35 operative paragraphs, and the footnote', () => {
    const example = parsedExample();
    const op8 = example.paragraphs.filter((p) => p.kind === 'operative')[7];
    const doc = buildPublishedDocument({
      adoption: bangkok,
      enactingFormula: example.enactingFormula,
      paragraphs: example.paragraphs,
      reservations: [
        { delegationName: 'Iran (Islamic Rep. of)', kind: 'reservation', paragraphId: op8.id, text: IRAN_WORDS },
      ],
    });
    expect(doc.preambular).toHaveLength(15);
    expect(doc.operative).toHaveLength(35);

    // The source has two lines of page furniture (logo, address) on top and a download note at the bottom.
    const published = normalisedLines(exampleText).filter(
      (l) => !l.startsWith('IPU Logo') && !l.startsWith('Note: you can download'),
    );
    expect(published).toHaveLength(2 + 1 + 50 + 1);
    expect(normalisedLines(renderPublishedText(doc))).toEqual(published);
  });

  it('prints the footnote exactly as the secretariat did', () => {
    const example = parsedExample();
    const op8 = example.paragraphs.filter((p) => p.kind === 'operative')[7];
    const [note] = composeFootnotes(
      [{ delegationName: 'Iran (Islamic Rep. of)', kind: 'reservation', paragraphId: op8.id, text: IRAN_WORDS }],
      example.paragraphs,
    );
    expect(note.marker).toBe('*');
    expect(note.text).toBe(
      'The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 8 in relation to the concept of "gender equality".',
    );
    expect(note.target).toEqual({ kind: 'operative', number: 8 });
  });

  it('reads back through the import parser: same paragraphs, same reservation, same adoption', () => {
    const example = parsedExample();
    const op8 = example.paragraphs.filter((p) => p.kind === 'operative')[7];
    const reservations: PublicationReservation[] = [
      { delegationName: 'Iran (Islamic Rep. of)', kind: 'reservation', paragraphId: op8.id, text: IRAN_WORDS },
    ];
    const text = renderPublishedText(
      buildPublishedDocument({
        adoption: bangkok,
        enactingFormula: example.enactingFormula,
        paragraphs: example.paragraphs,
        reservations,
      }),
    );
    const again = parseResolutionText(text);
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.warnings).toEqual([]);
    expect(again.resolution.adoption).toEqual(bangkok);
    expect(again.resolution.paragraphs.map(({ kind, text }) => ({ kind, text }))).toEqual(
      example.paragraphs.map(({ kind, text }) => ({ kind, text })),
    );
    expect(again.resolution.reservations).toMatchObject([
      {
        delegation: 'Iran (Islamic Rep. of)',
        kind: 'reservation',
        target: { kind: 'operative', number: 8 },
        text: IRAN_WORDS,
      },
    ]);
  });
});

describe('footnotes name paragraphs by their number at publication', () => {
  const text = () => {
    return [
      para('preambular', 'Recalling …,'),
      ...Array.from({ length: 9 }, (_, i) => para('operative', `Operative ${i + 1};`)),
    ];
  };

  it('a reservation made on operative paragraph 8 prints "operative paragraph 9" once a paragraph is inserted before it', () => {
    const paragraphs = text();
    const op8 = paragraphs.filter((p) => p.kind === 'operative')[7];
    const reservation: PublicationReservation = {
      delegationName: 'Iran (Islamic Rep. of)',
      kind: 'reservation',
      paragraphId: op8.id,
      text: IRAN_WORDS,
    };
    expect(
      buildPublishedDocument({ adoption: bangkok, enactingFormula: null, paragraphs, reservations: [reservation] })
        .footnotes,
    ).toEqual([
      '* The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 8 in relation to the concept of "gender equality".',
    ]);
    const amended = [
      ...paragraphs.slice(0, 3),
      { id: 'inserted', kind: 'operative' as const, text: 'Inserted by amendment A/1;' },
      ...paragraphs.slice(3),
    ];
    const doc = buildPublishedDocument({
      adoption: bangkok,
      enactingFormula: null,
      paragraphs: amended,
      reservations: [reservation],
    });
    expect(doc.operative[8].text).toBe('Operative 8;');
    expect(doc.footnotes).toEqual([
      '* The delegation of Iran (Islamic Rep. of) expressed a reservation on operative paragraph 9 in relation to the concept of "gender equality".',
    ]);
  });

  it('refuses to publish a reservation on a paragraph that was deleted', () => {
    const reservation: PublicationReservation = {
      delegationName: 'Cuba',
      kind: 'reservation',
      paragraphId: 'gone',
      text: '',
    };
    expect(() =>
      buildPublishedDocument({
        adoption: bangkok,
        enactingFormula: null,
        paragraphs: text(),
        reservations: [reservation],
      }),
    ).toThrow(/Cuba.*no longer in the text/);
  });
});

describe('buildPublishedDocument', () => {
  it('leaves out empty paragraphs and numbers the rest without gaps', () => {
    const paragraphs = [
      para('operative', 'First;'),
      para('operative', '  \n '),
      para('operative', 'Second,\nwrapped.'),
    ];
    const doc = buildPublishedDocument({ adoption: bangkok, enactingFormula: null, paragraphs, reservations: [] });
    expect(doc.operative).toEqual([
      { number: 1, text: 'First;', subparagraphs: [] },
      { number: 2, text: 'Second, wrapped.', subparagraphs: [] },
    ]);
  });

  it('refuses a sub-paragraph that belongs to no operative paragraph', () => {
    const paragraphs = [para('preambular', 'Recalling …,'), para('subparagraph', 'stray;')];
    expect(() =>
      buildPublishedDocument({ adoption: bangkok, enactingFormula: null, paragraphs, reservations: [] }),
    ).toThrow(/Sub-paragraph \(a\) comes before the first operative paragraph/);
  });
});

describe('several reservations', () => {
  const paragraphs = [
    para('preambular', 'Recalling …,'),
    para('preambular', 'Noting …,'),
    para('preambular', 'Aware …,'),
    para('operative', 'Decides …;'),
    para('operative', 'Calls on …:'),
    para('subparagraph', 'to ratify …;'),
    para('subparagraph', 'to implement …;'),
    para('operative', 'Invites …;'),
  ];
  const [, , pp3, , op2, , op2b, op3] = paragraphs;

  it('get one footnote each, marked *, ** and ***, in the order of the text; the heading carries every marker', () => {
    const doc = buildPublishedDocument({
      adoption: bangkok,
      enactingFormula: null,
      paragraphs,
      reservations: [
        {
          delegationName: 'India',
          kind: 'reservation',
          paragraphId: op3.id,
          text: 'as regards the reference to the death penalty.',
        },
        { delegationName: 'Cuba', kind: 'dissociation', paragraphId: op2b.id, text: '' },
        {
          delegationName: 'Holy See',
          kind: 'interpretative_statement',
          paragraphId: null,
          text: 'on the understanding that it creates no new obligations',
        },
      ],
    });
    expect(doc.headingLines[0]).toBe('Resolution adopted by consensus*,**,*** by the 122nd IPU Assembly');
    expect(doc.footnotes).toEqual([
      '* The delegation of Holy See made an interpretative statement on the resolution as a whole on the understanding that it creates no new obligations.',
      '** The delegation of Cuba dissociated itself from operative paragraph 2 (b).',
      '*** The delegation of India expressed a reservation on operative paragraph 3 as regards the reference to the death penalty.',
    ]);
    expect(doc.notes.map((n) => n.target)).toEqual([
      { kind: 'resolution' },
      { kind: 'subparagraph', number: 2, letter: 'b' },
      { kind: 'operative', number: 3 },
    ]);
    expect(renderPublishedText(doc)).toMatch(
      /\n\* The delegation of Holy See .*\n\n\*\* The delegation of Cuba .*\n\n\*\*\* The delegation of India .*\n$/,
    );
  });

  it('with the same words on the same paragraph, from several delegations, make one sentence', () => {
    const notes = composeFootnotes(
      [
        {
          delegationName: 'Saudi Arabia',
          kind: 'reservation',
          paragraphId: op2.id,
          text: 'in relation to  the concept of "gender".',
        },
        {
          delegationName: 'Iran (Islamic Rep. of)',
          kind: 'reservation',
          paragraphId: op2.id,
          text: 'in relation to the concept of "gender".',
        },
        {
          delegationName: 'Egypt',
          kind: 'reservation',
          paragraphId: op2.id,
          text: 'in relation to the concept of "gender".',
        },
        {
          delegationName: 'Egypt',
          kind: 'dissociation',
          paragraphId: op2.id,
          text: 'in relation to the concept of "gender".',
        },
        {
          delegationName: 'Malta',
          kind: 'reservation',
          paragraphId: op2.id,
          text: 'in relation to sexual and reproductive health.',
        },
      ],
      paragraphs,
    );
    expect(notes.map((n) => `${n.marker} ${n.text}`)).toEqual([
      '* The delegations of Egypt, Iran (Islamic Rep. of) and Saudi Arabia expressed reservations on operative paragraph 2 in relation to the concept of "gender".',
      '** The delegation of Egypt dissociated itself from operative paragraph 2 in relation to the concept of "gender".',
      '*** The delegation of Malta expressed a reservation on operative paragraph 2 in relation to sexual and reproductive health.',
    ]);
    expect(notes[0].delegations).toEqual(['Egypt', 'Iran (Islamic Rep. of)', 'Saudi Arabia']);
  });

  it('word each kind as a secretariat does, for one delegation and for several', () => {
    const one = (r: Omit<PublicationReservation, 'delegationName'>) =>
      composeFootnotes([{ delegationName: 'Cuba', ...r }], paragraphs)[0].text;
    expect(one({ kind: 'reservation', paragraphId: null, text: '' })).toBe(
      'The delegation of Cuba expressed a reservation on the resolution as a whole.',
    );
    expect(one({ kind: 'dissociation', paragraphId: null, text: '' })).toBe(
      'The delegation of Cuba dissociated itself from the resolution as a whole.',
    );
    expect(one({ kind: 'dissociation', paragraphId: pp3.id, text: '' })).toBe(
      'The delegation of Cuba dissociated itself from preambular paragraph 3.',
    );
    expect(
      one({
        kind: 'interpretative_statement',
        paragraphId: op2b.id,
        text: ', which it reads in the light of its Constitution',
      }),
    ).toBe(
      'The delegation of Cuba made an interpretative statement on operative paragraph 2 (b), which it reads in the light of its Constitution.',
    );
    const two = (kind: PublicationReservation['kind']) =>
      composeFootnotes(
        ['Cuba', 'Bolivia (Plurinational State of)'].map((delegationName) => ({
          delegationName,
          kind,
          paragraphId: null,
          text: '',
        })),
        paragraphs,
      )[0].text;
    expect(two('dissociation')).toBe(
      'The delegations of Bolivia (Plurinational State of) and Cuba dissociated themselves from the resolution as a whole.',
    );
    expect(two('interpretative_statement')).toBe(
      'The delegations of Bolivia (Plurinational State of) and Cuba made interpretative statements on the resolution as a whole.',
    );
  });
});

describe('renderHeading', () => {
  const at = (a: Partial<AdoptionRecord>): AdoptionRecord => ({ ...bangkok, ...a });

  it('prints the method, the footnote markers right after it, the body, then place and date', () => {
    expect(renderHeading(bangkok, '*')).toEqual([
      'Resolution adopted by consensus* by the 122nd IPU Assembly',
      '(Bangkok, 1 April 2010)',
    ]);
    expect(renderHeading(bangkok, '')).toEqual([
      'Resolution adopted by consensus by the 122nd IPU Assembly',
      '(Bangkok, 1 April 2010)',
    ]);
    expect(renderHeading(at({ method: 'without_vote' }), '')[0]).toBe(
      'Resolution adopted without a vote by the 122nd IPU Assembly',
    );
    expect(renderHeading(at({ method: 'recorded_vote' }), '*')[0]).toBe(
      'Resolution adopted by a recorded vote* by the 122nd IPU Assembly',
    );
    expect(renderHeading(at({ method: 'vote' }), '')[0]).toBe('Resolution adopted by a vote by the 122nd IPU Assembly');
  });

  it('prints the counts of a vote, the abstentions set off by commas and left out when there were none', () => {
    expect(renderHeading(at({ method: 'vote', votes: { yes: 1089, no: 96, abstain: 235 } }), '*')[0]).toBe(
      'Resolution adopted by 1,089 votes to 96, with 235 abstentions,* by the 122nd IPU Assembly',
    );
    expect(renderHeading(at({ method: 'vote', votes: { yes: 120, no: 30, abstain: 0 } }), '')[0]).toBe(
      'Resolution adopted by 120 votes to 30 by the 122nd IPU Assembly',
    );
    expect(renderHeading(at({ method: 'recorded_vote', votes: { yes: 120, no: 30, abstain: 1 } }), '')[0]).toBe(
      'Resolution adopted by a recorded vote of 120 to 30, with 1 abstention, by the 122nd IPU Assembly',
    );
  });

  it('reads back through the import parser in every form', () => {
    const forms: AdoptionRecord[] = [
      bangkok,
      at({ method: 'without_vote' }),
      at({ method: 'recorded_vote' }),
      at({ method: 'vote', votes: { yes: 1089, no: 96, abstain: 235 } }),
      at({ method: 'vote', votes: { yes: 120, no: 30, abstain: 0 } }),
      at({ method: 'recorded_vote', votes: { yes: 120, no: 30, abstain: 15 } }),
      at({ body: 'Governing Council', place: 'Geneva', date: '2019-10-16' }),
    ];
    for (const adoption of forms) {
      expect(readHeading(renderHeading(adoption, '*,**').join('\n')).adoption).toEqual(adoption);
    }
  });

  it('formats dates in English and leaves out what is unknown', () => {
    expect(formatPublicationDate('2010-04-01')).toBe('1 April 2010');
    expect(formatPublicationDate('2024-12-25')).toBe('25 December 2024');
    expect(() => formatPublicationDate('2010-02-30')).toThrow(/not a date/);
    expect(renderHeading(at({ date: undefined }), '')).toEqual([
      'Resolution adopted by consensus by the 122nd IPU Assembly',
      '(Bangkok)',
    ]);
    expect(renderHeading({ method: 'consensus', body: 'the General Assembly' }, '')).toEqual([
      'Resolution adopted by consensus by the General Assembly',
    ]);
  });
});

describe('renderPublishedHtml', () => {
  const paragraphs = [
    para('preambular', 'Recalling that 2 < 3 & "quotes" matter,'),
    para('operative', 'Decides <script>alert(1)</script> to act;'),
    para('subparagraph', "to keep the Parties' <b>promises</b>;"),
  ];
  const doc = buildPublishedDocument({
    adoption: { ...bangkok, body: 'Assembly <of> "Parliaments"' },
    enactingFormula: 'The Assembly & Co,',
    paragraphs,
    reservations: [
      { delegationName: 'A <b>bold</b> delegation', kind: 'reservation', paragraphId: paragraphs[1].id, text: '"<i>"' },
    ],
  });
  const html = renderPublishedHtml(doc);

  it('escapes every piece of text', () => {
    expect(html).not.toMatch(/<script|<b>|<i>|<of>/);
    expect(html).toContain('Recalling that 2 &lt; 3 &amp; &quot;quotes&quot; matter,');
    expect(html).toContain('Decides &lt;script&gt;alert(1)&lt;/script&gt; to act;');
    expect(html).toContain('to keep the Parties&#39; &lt;b&gt;promises&lt;/b&gt;;');
    expect(html).toContain(
      'The delegation of A &lt;b&gt;bold&lt;/b&gt; delegation expressed a reservation on operative paragraph 1 &quot;&lt;i&gt;&quot;.',
    );
    expect(html).toContain('by the Assembly &lt;of&gt; &quot;Parliaments&quot;');
  });

  it('is one standalone page in the order of the printed text, footnotes last and linked from the heading', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<link|src=|<script/);
    const order = [
      '<h1>',
      '(Bangkok, 1 April 2010)',
      'class="formula"',
      'Recalling that',
      '<span class="num">1.</span>',
      '<span class="num">(a)</span>',
      'id="fn-1"',
    ];
    const body = html.slice(html.indexOf('<body>'));
    const positions = order.map((s) => body.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain(
      'Resolution adopted by consensus<a class="callout" href="#fn-1" aria-label="footnote 1">*</a> by the',
    );
    expect(html).toContain('@page { size: A4;');
  });
});
