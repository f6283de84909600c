import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { akomaNtosoErrors as schemaErrors } from '../helpers/akoma-ntoso';
import { parseResolutionText } from '../../lib/resolution/parse';
import type { Paragraph } from '../../lib/resolution/types';
import { buildPublishedDocument } from '../../lib/publication/document';
import { renderAkomaNtoso, type AkomaNtosoMetadata } from '../../lib/publication/akoma-ntoso';

function example() {
  const parsed = parseResolutionText(
    readFileSync(new URL('../../data/ipu-122nd-assembly-resolution.txt', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error('the example no longer parses');
  return parsed.resolution;
}

const metadata: AkomaNtosoMetadata = {
  resolutionId: '0b7c6a1e-3f0d-4c55-9a2e-5d1f7e9b2c44',
  title:
    'The role of parliaments in developing South-South and triangular cooperation with a view to accelerating achievement of the MDGs',
  committeeName: 'First Standing Committee on Peace and International Security',
  sessionLabel: '122nd IPU Assembly',
  place: 'Bangkok',
  date: '2010-04-01',
};

describe('renderAkomaNtoso: the 122nd Assembly resolution', () => {
  const resolution = example();
  const op8 = resolution.paragraphs.filter((p) => p.kind === 'operative')[7];
  const doc = buildPublishedDocument({
    adoption: { method: 'consensus', body: '122nd IPU Assembly', place: 'Bangkok', date: '2010-04-01' },
    enactingFormula: resolution.enactingFormula,
    paragraphs: resolution.paragraphs,
    reservations: [
      {
        delegationName: 'Iran (Islamic Rep. of)',
        kind: 'reservation',
        paragraphId: op8.id,
        text: 'in relation to the concept of "gender equality".',
      },
    ],
  });
  const xml = renderAkomaNtoso(doc, metadata);

  it('validates against the Akoma Ntoso 3.0 schema', async () => {
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it('is a statement named "resolution" in the Akoma Ntoso namespace', () => {
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<akomaNtoso xmlns="http:\/\/docs.oasis-open.org\/legaldocml\/ns\/akn\/3.0">\n\s*<statement name="resolution">/,
    );
    expect(xml).toContain(
      '<FRBRuri value="/akn/int/statement/resolution/2010-04-01/0b7c6a1e_3f0d_4c55_9a2e_5d1f7e9b2c44"/>',
    );
  });

  it('has the 35 operative paragraphs in mainBody, with eIds and printed numbers, and the 15 preambular ones as recitals', () => {
    const mainBody = xml.slice(xml.indexOf('<mainBody>'), xml.indexOf('</mainBody>'));
    const eIds = [...mainBody.matchAll(/<paragraph eId="(para_\d+)">\s*<num>(\d+)\.<\/num>/g)];
    expect(eIds.map((m) => m[1])).toEqual(Array.from({ length: 35 }, (_, i) => `para_${i + 1}`));
    expect(eIds.map((m) => m[2])).toEqual(Array.from({ length: 35 }, (_, i) => String(i + 1)));
    expect(xml.match(/<recital eId="recs__rec_\d+">/g)).toHaveLength(15);
    expect(xml).toContain(
      '<formula name="enactingFormula">\n        <p>The 122nd Assembly of the Inter-Parliamentary Union,</p>',
    );
  });

  it('carries Iran’s reservation as a note, referred to from operative paragraph 8 and from the heading', () => {
    expect(xml).toContain(
      '<note eId="note_1" marker="*" placement="bottom">\n          <p>The delegation of <organization refersTo="#delegation_iran_islamic_rep_of">Iran (Islamic Rep. of)</organization> expressed a reservation on operative paragraph 8 in relation to the concept of &quot;gender equality&quot;.</p>',
    );
    expect(xml).toContain(
      '<TLCOrganization eId="delegation_iran_islamic_rep_of" href="/ontology/organization/concord/delegation_iran_islamic_rep_of" showAs="Iran (Islamic Rep. of)"/>',
    );
    const para8 = xml.slice(xml.indexOf('<paragraph eId="para_8">'), xml.indexOf('<paragraph eId="para_9">'));
    expect(para8).toContain('other forms of assistance;<noteRef href="#note_1" marker="*" placement="bottom"/></p>');
    expect(xml).toContain(
      'Resolution adopted by consensus<noteRef href="#note_1" marker="*" placement="bottom"/> by the <docProponent refersTo="#adopting_body">122nd IPU Assembly</docProponent>',
    );
    expect(xml).toContain('(Bangkok, <docDate date="2010-04-01">1 April 2010</docDate>)');
  });

  it('records the adoption by consensus as a workflow step', () => {
    expect(xml).toContain(
      '<step date="2010-04-01" by="#adopting_body" refersTo="#session #adoption_consensus" outcome="#adopted"/>',
    );
  });
});

describe('renderAkomaNtoso: sub-paragraphs, votes and awkward text', () => {
  const paragraphs: Paragraph[] = [
    { id: 'pp1', kind: 'preambular', text: 'Noting that 2 < 3 & "quotes",' },
    { id: 'op1', kind: 'operative', text: 'Calls on States:' },
    { id: 'op1a', kind: 'subparagraph', text: 'to ratify <the> Convention;' },
    { id: 'op1b', kind: 'subparagraph', text: 'to implement it\u0007;' },
    { id: 'op2', kind: 'operative', text: 'Decides to remain seized of the matter.' },
  ];
  const doc = buildPublishedDocument({
    adoption: {
      method: 'vote',
      body: 'Governing Council',
      place: 'Geneva',
      date: '2019-10-16',
      votes: { yes: 120, no: 30, abstain: 15 },
    },
    enactingFormula: null,
    paragraphs,
    reservations: [
      { delegationName: 'Côte d’Ivoire', kind: 'dissociation', paragraphId: 'op1b', text: '' },
      { delegationName: 'Cuba', kind: 'interpretative_statement', paragraphId: 'pp1', text: '' },
    ],
  });
  const xml = renderAkomaNtoso(doc, {
    ...metadata,
    date: '2019-10-16',
    votes: [
      {
        subject: { kind: 'amendment', amendmentId: 'A/3' },
        method: 'show_of_hands',
        yes: 40,
        no: 60,
        abstain: 5,
        outcome: 'rejected',
        label: 'Amendment A/3 (Cuba)',
      },
      {
        subject: { kind: 'paragraph', paragraphId: 'op1b' },
        method: 'roll_call',
        yes: 80,
        no: 20,
        abstain: 2,
        outcome: 'adopted',
      },
      {
        subject: { kind: 'paragraph', paragraphId: 'deleted-by-vote' },
        method: 'secret',
        yes: 10,
        no: 90,
        abstain: 0,
        outcome: 'rejected',
      },
      { subject: { kind: 'resolution' }, method: 'electronic', yes: 120, no: 30, abstain: 15, outcome: 'adopted' },
    ],
  });

  it('validates against the schema', async () => {
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it('nests sub-paragraphs under the intro of their operative paragraph', () => {
    expect(xml).toMatch(
      /<paragraph eId="para_1">\s*<num>1\.<\/num>\s*<intro>\s*<p>Calls on States:<\/p>\s*<\/intro>\s*<paragraph eId="para_1__para_a">\s*<num>\(a\)<\/num>/,
    );
    expect(xml).toContain('<p>to ratify &lt;the&gt; Convention;</p>');
    expect(xml).toContain('<p>to implement it;<noteRef href="#note_2" marker="**" placement="bottom"/></p>');
    expect(xml).toContain(
      '<recital eId="recs__rec_1">\n          <p>Noting that 2 &lt; 3 &amp; &quot;quotes&quot;,<noteRef href="#note_1" marker="*" placement="bottom"/></p>',
    );
  });

  it('records each vote with its counts, outcome, method and subject', () => {
    expect(xml).toMatch(
      /<voting eId="vote_1" outcome="#rejected" refersTo="#amendment_a_3 #method_show_of_hands">\s*<count eId="vote_1__count_yes" value="40" refersTo="#yes"\/>\s*<count eId="vote_1__count_no" value="60" refersTo="#no"\/>\s*<count eId="vote_1__count_abstain" value="5" refersTo="#abstain"\/>/,
    );
    expect(xml).toContain(
      '<TLCObject eId="amendment_a_3" href="/ontology/object/concord/amendment_a_3" showAs="Amendment A/3 (Cuba)"/>',
    );
    expect(xml).toContain(
      '<voting eId="vote_2" outcome="#adopted" refersTo="#paragraph_op1b #method_roll_call" href="#para_1__para_b">',
    );
    expect(xml).toContain('showAs="Separate vote on operative paragraph 1 (b)"');
    expect(xml).toContain(
      '<voting eId="vote_3" outcome="#rejected" refersTo="#paragraph_deleted_by_vote #method_secret">',
    );
    expect(xml).toContain('<voting eId="vote_4" outcome="#adopted" refersTo="#whole_text #method_electronic">');
    expect(xml).toContain(
      'Resolution adopted by 120 votes to 30, with 15 abstentions,<noteRef href="#note_1" marker="*" placement="bottom"/><noteRef href="#note_2" marker="**" placement="bottom"/> by the',
    );
    expect(xml).toContain(
      '<TLCOrganization eId="delegation_cote_d_ivoire" href="/ontology/organization/concord/delegation_cote_d_ivoire" showAs="Côte d’Ivoire"/>',
    );
  });

  it('records the adoption vote from the heading when no vote on the whole text is given, and stays valid', async () => {
    const alone = renderAkomaNtoso(doc, { ...metadata, date: '2019-10-16' });
    expect(alone).toMatch(
      /<voting eId="vote_1" outcome="#adopted" refersTo="#whole_text #adoption_vote">\s*<count eId="vote_1__count_yes" value="120" refersTo="#yes"\/>\s*<count eId="vote_1__count_no" value="30" refersTo="#no"\/>\s*<count eId="vote_1__count_abstain" value="15" refersTo="#abstain"\/>/,
    );
    expect(xml.match(/refersTo="#whole_text/g)).toHaveLength(1);
    expect(await schemaErrors(alone)).toEqual([]);
  });

  it('refuses a date that is not a valid xsd:date', () => {
    expect(() => renderAkomaNtoso(doc, { ...metadata, date: '16/10/2019' })).toThrow(/YYYY-MM-DD/);
  });

  it('is checked by a validator that does reject what the schema forbids', async () => {
    const broken = xml.replace(/<FRBRcountry value="int"\/>/, '');
    expect((await schemaErrors(broken)).join('\n')).toMatch(/FRBRcountry/);
  });
});
