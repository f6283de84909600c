/**
 * The Top Level Classes (TLC) an Akoma Ntoso document refers to — the adopting body, the
 * committee, the delegations, the concepts used by votes — collected while the document is
 * written, so that <references> lists exactly what is referred to, each once.
 */
import { el, type XmlElement } from './xml';

export type TlcKind = 'TLCOrganization' | 'TLCEvent' | 'TLCConcept' | 'TLCObject' | 'TLCLocation' | 'TLCPerson';

const ONTOLOGY_PATH: Record<TlcKind, string> = {
  TLCOrganization: 'organization',
  TLCEvent: 'event',
  TLCConcept: 'concept',
  TLCObject: 'object',
  TLCLocation: 'location',
  TLCPerson: 'person',
};

/** "Iran (Islamic Rep. of)" → "iran_islamic_rep_of": ASCII, no spaces, safe in an eId and a URI. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return s || 'x';
}

export class References {
  private readonly byKey = new Map<string, { kind: TlcKind; eId: string; showAs: string }>();
  private readonly eIds = new Set<string>();

  /**
   * Registers (once) and returns "#eId". `key` identifies the thing; the eId is `eIdBase`,
   * made unique, since two names may give the same slug ("Côte d'Ivoire",
   * "Cote d Ivoire").
   */
  ref(kind: TlcKind, key: string, eIdBase: string, showAs: string): string {
    const known = this.byKey.get(`${kind}:${key}`);
    if (known) return `#${known.eId}`;
    let eId = eIdBase;
    for (let n = 2; this.eIds.has(eId); n += 1) eId = `${eIdBase}_${n}`;
    this.eIds.add(eId);
    this.byKey.set(`${kind}:${key}`, { kind, eId, showAs });
    return `#${eId}`;
  }

  toXml(source: string): XmlElement {
    const tlcs = [...this.byKey.values()].map(({ kind, eId, showAs }) =>
      el(kind, { eId, href: `/ontology/${ONTOLOGY_PATH[kind]}/concord/${eId}`, showAs }),
    );
    return el('references', { source }, ...tlcs);
  }
}

/**
 * Splits `text` at the first occurrence of each `find` (searched left to right, each after
 * the previous one) and puts the given element in its place — to mark up "*" as a noteRef or
 * a delegation's name as an <organization> without re-parsing printed text.
 */
export function markUp(
  text: string,
  marks: readonly { find: string; node: XmlElement | XmlElement[] }[],
): (string | XmlElement)[] {
  const out: (string | XmlElement)[] = [];
  let rest = text;
  for (const { find, node } of marks) {
    const at = find ? rest.indexOf(find) : -1;
    if (at < 0) continue;
    if (at > 0) out.push(rest.slice(0, at));
    out.push(...(Array.isArray(node) ? node : [node]));
    rest = rest.slice(at + find.length);
  }
  if (rest) out.push(rest);
  return out;
}
