/**
 * The published document as Akoma Ntoso 3.0 (OASIS LegalDocML) XML, valid against
 * akomantoso30.xsd (tests/fixtures/akoma-ntoso):
 *
 *   <akomaNtoso><statement name="resolution">
 *     <meta>        identification (FRBR), workflow (the adoption), analysis (votes),
 *                   references (TLCs: body, committee, delegations…), notes (reservations)
 *     <preface>     title and the heading as printed, footnote call-outs as <noteRef>
 *     <preamble>    <formula name="enactingFormula">, preambular paragraphs as <recitals>
 *     <mainBody>    <paragraph eId="para_8"><num>8.</num><content><p>…</p></content>;
 *                   sub-paragraphs nested: <paragraph eId="para_8__para_a"><num>(a)</num>…
 *
 * A reservation's note is referred to from the heading (where the print puts its marker)
 * and from the paragraph it concerns, so that a reader of the XML finds it from either.
 */
import { formatPublicationDate } from './heading';
import { headingMarkers } from './footnotes';
import { References, markUp } from './akoma-ntoso-refs';
import { buildMeta, eIdOf, type AkomaNtosoMetadata } from './akoma-ntoso-meta';
import type { PublishedDocument, PublishedOperative } from './types';
import { el, renderXmlDocument, type XmlElement, type XmlNode } from './xml';

export type { AkomaNtosoMetadata, AkomaNtosoVote } from './akoma-ntoso-meta';

export const AKOMA_NTOSO_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

const noteRef = (i: number, marker: string) => el('noteRef', { href: `#note_${i + 1}`, marker, placement: 'bottom' });

/** eId → the noteRefs to append to that paragraph. */
function noteRefsByParagraph(doc: PublishedDocument): Map<string, XmlElement[]> {
  const byEId = new Map<string, XmlElement[]>();
  doc.notes.forEach((n, i) => {
    const eId = eIdOf(n.target);
    if (eId) byEId.set(eId, [...(byEId.get(eId) ?? []), noteRef(i, n.marker)]);
  });
  return byEId;
}

function preface(doc: PublishedDocument, m: AkomaNtosoMetadata, body: string): XmlElement {
  const [first = '', ...rest] = doc.headingLines;
  const markers = headingMarkers(doc.notes);
  // The call-outs are where the print has them: the adoption line, or (a General Assembly
  // text) its symbol and title line.
  const calloutLine = Math.max(
    0,
    doc.headingLines.findIndex((l) => !!markers && l.includes(markers)),
  );
  const refs = (i: number) =>
    i === calloutLine ? [{ find: markers, node: doc.notes.map((n, k) => noteRef(k, n.marker)) }] : [];
  const adoptionLine = markUp(first, [
    ...refs(0),
    { find: doc.adoption.body.trim(), node: el('docProponent', { refersTo: body }, doc.adoption.body.trim()) },
  ]);
  const date = doc.adoption.date;
  const placeDate = (line: string, i: number): XmlNode[] =>
    markUp(line, [
      ...refs(i),
      ...(date
        ? [{ find: formatPublicationDate(date), node: el('docDate', { date }, formatPublicationDate(date)) }]
        : []),
    ]);
  return el(
    'preface',
    {},
    el('longTitle', {}, el('p', {}, el('docTitle', {}, m.title))),
    el('p', { class: 'heading' }, ...adoptionLine),
    ...rest.map((line, i) => el('p', { class: 'placeAndDate' }, ...placeDate(line, i + 1))),
  );
}

function preamble(doc: PublishedDocument, notesAt: Map<string, XmlElement[]>): XmlElement | null {
  const formula = doc.enactingFormula
    ? el('formula', { name: 'enactingFormula' }, el('p', {}, doc.enactingFormula))
    : null;
  const recitals =
    doc.preambular.length > 0
      ? el(
          'recitals',
          { eId: 'recs' },
          ...doc.preambular.map((text, i) => {
            const eId = `recs__rec_${i + 1}`;
            return el('recital', { eId }, el('p', {}, text, ...(notesAt.get(eId) ?? [])));
          }),
        )
      : null;
  return formula || recitals ? el('preamble', {}, formula, recitals) : null;
}

function operativeParagraph(op: PublishedOperative, notesAt: Map<string, XmlElement[]>): XmlElement {
  const eId = `para_${op.number}`;
  const num = el('num', {}, `${op.number}.`);
  const p = el('p', {}, op.text, ...(notesAt.get(eId) ?? []));
  if (op.subparagraphs.length === 0) return el('paragraph', { eId }, num, el('content', {}, p));
  // The chapeau of a paragraph with sub-paragraphs is its <intro>; the schema allows either
  // content or (intro, sub-levels), not both.
  return el(
    'paragraph',
    { eId },
    num,
    el('intro', {}, p),
    ...op.subparagraphs.map((sub) => {
      const subId = `${eId}__para_${sub.letter}`;
      const subP = el('p', {}, sub.text, ...(notesAt.get(subId) ?? []));
      if (sub.items.length === 0)
        return el('paragraph', { eId: subId }, el('num', {}, sub.label), el('content', {}, subP));
      return el(
        'paragraph',
        { eId: subId },
        el('num', {}, sub.label),
        el('intro', {}, subP),
        ...sub.items.map((item) => {
          const itemId = `${subId}__para_${item.numeral}`;
          const itemP = el('p', {}, item.text, ...(notesAt.get(itemId) ?? []));
          return el('paragraph', { eId: itemId }, el('num', {}, item.label), el('content', {}, itemP));
        }),
      );
    }),
  );
}

export function renderAkomaNtoso(doc: PublishedDocument, metadata: AkomaNtosoMetadata): string {
  // FRBR dates must be valid xsd:dates; refuse a bad one here rather than emit invalid XML.
  formatPublicationDate(metadata.date);
  const refs = new References();
  const ids = {
    source: refs.ref('TLCOrganization', 'concord', 'concord', 'Concord'),
    body: refs.ref('TLCOrganization', 'body', 'adopting_body', doc.adoption.body.trim() || metadata.sessionLabel),
    committee: refs.ref('TLCOrganization', 'committee', 'committee', metadata.committeeName),
  };
  const notesAt = noteRefsByParagraph(doc);
  const main = doc.operative.map((op) => operativeParagraph(op, notesAt));
  const statement = el(
    'statement',
    { name: 'resolution' },
    buildMeta(doc, metadata, refs, ids),
    preface(doc, metadata, ids.body),
    preamble(doc, notesAt),
    // mainBody may not be empty; a text without operative paragraphs keeps an empty <p/>.
    el('mainBody', {}, ...(main.length > 0 ? main : [el('p')])),
  );
  return renderXmlDocument(el('akomaNtoso', { xmlns: AKOMA_NTOSO_NAMESPACE }, statement));
}
