/**
 * The <meta> block of the Akoma Ntoso export: FRBR identification, the adoption as a
 * workflow step, votes as parliamentary analysis, and the reservation notes.
 *
 * URIs follow the Akoma Ntoso naming convention:
 *   work          /akn/int/statement/resolution/2010-04-01/<resolution id>
 *   expression    …/eng@ (fra@ for the French version: one expression per language)
 *   manifestation …/eng@.akn
 * "int" stands for an international body, outside any national jurisdiction.
 */
import { threeLetterCode } from '../languages/codes';
import type { VoteMethod, VoteOutcome, VoteSubject } from '../votes/types';
import { type References, markUp, slug } from './akoma-ntoso-refs';
import { describeTextRef } from './footnotes';
import type { PublishedDocument, TextRef } from './types';
import { el, type XmlElement } from './xml';

export interface AkomaNtosoVote {
  subject: VoteSubject;
  method: VoteMethod;
  yes: number;
  no: number;
  abstain: number;
  outcome: VoteOutcome;
  /** How to name the subject ("Amendment A/3 to operative paragraph 8"); a default is derived. */
  label?: string;
}

export interface AkomaNtosoMetadata {
  resolutionId: string;
  title: string;
  committeeName: string;
  /** "122nd IPU Assembly" */
  sessionLabel: string;
  place?: string;
  /** Date of adoption, YYYY-MM-DD. */
  date: string;
  votes?: AkomaNtosoVote[];
}

const JURISDICTION = 'int';

export function workUri(m: AkomaNtosoMetadata): string {
  return `/akn/${JURISDICTION}/statement/resolution/${m.date}/${slug(m.resolutionId)}`;
}

/** The eId of a place in the text, as the body of the export writes it (null: the whole text). */
export function eIdOf(ref: TextRef): string | null {
  switch (ref.kind) {
    case 'resolution':
      return null;
    case 'preambular':
      return `recs__rec_${ref.number}`;
    case 'operative':
      return `para_${ref.number}`;
    case 'subparagraph':
      return `para_${ref.number}__para_${ref.letter}`;
    case 'subsubparagraph':
      return `para_${ref.number}__para_${ref.letter}__para_${ref.item}`;
  }
}

const METHOD_NAMES: Record<VoteMethod, string> = {
  show_of_hands: 'Show of hands',
  recorded: 'Recorded vote',
  roll_call: 'Roll-call vote',
  secret: 'Secret ballot',
  electronic: 'Electronic vote',
};
const OUTCOME_NAMES: Record<VoteOutcome, string> = { adopted: 'Adopted', rejected: 'Rejected', no_quorum: 'No quorum' };
const ADOPTION_NAMES = {
  consensus: 'Adopted by consensus',
  vote: 'Adopted by a vote',
  without_vote: 'Adopted without a vote',
  recorded_vote: 'Adopted by a recorded vote',
} as const;

/** One expression per language: the work is the resolution, the expression its text in one language. */
function identification(m: AkomaNtosoMetadata, language: string, source: string, author: string): XmlElement {
  const work = workUri(m);
  const expression = `${work}/${language}@`;
  const manifestation = `${expression}.akn`;
  const date = el('FRBRdate', { date: m.date, name: 'adoption' });
  return el(
    'identification',
    { source },
    el(
      'FRBRWork',
      {},
      el('FRBRthis', { value: `${work}/!main` }),
      el('FRBRuri', { value: work }),
      date,
      el('FRBRauthor', { href: author }),
      el('FRBRcountry', { value: JURISDICTION }),
      el('FRBRnumber', { value: m.resolutionId }),
      el('FRBRname', { value: 'resolution' }),
    ),
    el(
      'FRBRExpression',
      {},
      el('FRBRthis', { value: `${expression}/!main` }),
      el('FRBRuri', { value: expression }),
      date,
      el('FRBRauthor', { href: author }),
      el('FRBRlanguage', { language }),
    ),
    el(
      'FRBRManifestation',
      {},
      el('FRBRthis', { value: `${expression}/main.xml` }),
      el('FRBRuri', { value: manifestation }),
      date,
      el('FRBRauthor', { href: source }),
      el('FRBRformat', { value: 'application/akn+xml' }),
    ),
  );
}

/** What a vote was on: the paragraph's eId when it is in the published text, else a reference. */
function voteTarget(v: AkomaNtosoVote, doc: PublishedDocument, refs: References): { href?: string; refersTo: string } {
  const s = v.subject;
  if (s.kind === 'resolution')
    return { refersTo: refs.ref('TLCConcept', 'whole_text', 'whole_text', v.label ?? 'The resolution as a whole') };
  if (s.kind === 'amendment') {
    return {
      refersTo: refs.ref(
        'TLCObject',
        `amendment:${s.amendmentId}`,
        `amendment_${slug(s.amendmentId)}`,
        v.label ?? `Amendment ${s.amendmentId}`,
      ),
    };
  }
  const place = doc.paragraphRefs[s.paragraphId];
  const eId = place ? eIdOf(place) : null;
  const refersTo = refs.ref(
    'TLCObject',
    `paragraph:${s.paragraphId}`,
    `paragraph_${slug(s.paragraphId)}`,
    v.label ??
      (place ? `Separate vote on ${describeTextRef(place)}` : 'Separate vote on a paragraph not in the adopted text'),
  );
  return eId ? { href: `#${eId}`, refersTo } : { refersTo };
}

interface Counts {
  yes: number;
  no: number;
  abstain: number;
}

const CHOICE_NAMES = { yes: 'In favour', no: 'Against', abstain: 'Abstentions' } as const;

function votingElement(
  eId: string,
  outcome: string,
  refersTo: string[],
  href: string | undefined,
  counts: Counts,
  refs: References,
): XmlElement {
  const count = (choice: keyof Counts) =>
    el('count', {
      eId: `${eId}__count_${choice}`,
      value: String(counts[choice]),
      refersTo: refs.ref('TLCConcept', `choice:${choice}`, choice, CHOICE_NAMES[choice]),
    });
  return el(
    'voting',
    { eId, outcome, refersTo: refersTo.join(' '), href },
    count('yes'),
    count('no'),
    count('abstain'),
  );
}

function voting(v: AkomaNtosoVote, eId: string, doc: PublishedDocument, refs: References): XmlElement {
  const method = refs.ref('TLCConcept', `method:${v.method}`, `method_${v.method}`, METHOD_NAMES[v.method]);
  const { href, refersTo } = voteTarget(v, doc, refs);
  const outcome = refs.ref('TLCConcept', `outcome:${v.outcome}`, v.outcome, OUTCOME_NAMES[v.outcome]);
  return votingElement(eId, outcome, [refersTo, method], href, v, refs);
}

/**
 * The votes, and the adoption vote itself when the heading states its counts but the votes
 * given include none on the whole text: the counts printed in the heading are then the
 * only record of it.
 */
function parliamentary(
  doc: PublishedDocument,
  votes: readonly AkomaNtosoVote[],
  adoptionConcept: string,
  refs: References,
): XmlElement | null {
  const out = votes.map((v, i) => voting(v, `vote_${i + 1}`, doc, refs));
  const counts = doc.adoption.votes;
  if (counts && !votes.some((v) => v.subject.kind === 'resolution')) {
    const whole = refs.ref('TLCConcept', 'whole_text', 'whole_text', 'The resolution as a whole');
    const adopted = refs.ref('TLCConcept', 'outcome:adopted', 'adopted', OUTCOME_NAMES.adopted);
    out.push(votingElement(`vote_${out.length + 1}`, adopted, [whole, adoptionConcept], undefined, counts, refs));
  }
  return out.length > 0 ? el('parliamentary', {}, ...out) : null;
}

/** One <note> per footnote, the delegations it names marked up as organizations. */
function notes(doc: PublishedDocument, refs: References, source: string): XmlElement | null {
  if (doc.notes.length === 0) return null;
  return el(
    'notes',
    { source },
    ...doc.notes.map((n, i) => {
      const marks = n.delegations.map((d) => ({
        find: d,
        node: el('organization', { refersTo: delegationRef(refs, d) }, d),
      }));
      return el(
        'note',
        { eId: `note_${i + 1}`, marker: n.marker, placement: 'bottom' },
        el('p', {}, ...markUp(n.text, marks)),
      );
    }),
  );
}

export function delegationRef(refs: References, name: string): string {
  return refs.ref('TLCOrganization', `delegation:${name}`, `delegation_${slug(name)}`, name);
}

/**
 * Builds <meta>. Called after the body, so that every reference the body made is listed;
 * the notes are built first here because they add the delegations to the references.
 */
export function buildMeta(
  doc: PublishedDocument,
  m: AkomaNtosoMetadata,
  refs: References,
  ids: { source: string; body: string; committee: string },
): XmlElement {
  const notesXml = notes(doc, refs, ids.source);
  const session = refs.ref('TLCEvent', 'session', 'session', m.sessionLabel);
  const adoption = refs.ref(
    'TLCConcept',
    `adoption:${doc.adoption.method}`,
    `adoption_${doc.adoption.method}`,
    ADOPTION_NAMES[doc.adoption.method],
  );
  const adopted = refs.ref('TLCConcept', 'outcome:adopted', 'adopted', OUTCOME_NAMES.adopted);
  const workflow = el(
    'workflow',
    { source: ids.source },
    el('step', { date: m.date, by: ids.body, refersTo: `${session} ${adoption}`, outcome: adopted }),
  );
  const votesXml = parliamentary(doc, m.votes ?? [], adoption, refs);
  const analysis = votesXml ? el('analysis', { source: ids.source }, votesXml) : null;
  // References last: by now the body, the notes and the votes have registered everything.
  return el(
    'meta',
    {},
    identification(m, threeLetterCode(doc.language ?? 'en'), ids.source, ids.body),
    workflow,
    analysis,
    refs.toXml(ids.source),
    notesXml,
  );
}
