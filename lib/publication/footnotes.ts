/**
 * Footnotes of the published text: statements (reservations, dissociations, interpretative
 * statements) written the way a secretariat writes them:
 *
 *   * The delegation of Iran (Islamic Rep. of) expressed a reservation on operative
 *     paragraph 8 in relation to the concept of "gender equality".
 *
 * Footnotes kept as printed (an imported adopted text, PrintedFootnote) come first, in
 * their printed order, with their own markers and words, as long as every statement they
 * held still stands; a footnote one of whose statements was withdrawn is written again
 * from the statements left, by the convention below.
 *
 * The convention for statements recorded in Concord (DESIGN.md, Reservation):
 * - The paragraph is named by its number AT PUBLICATION, looked up by stable id: a
 *   reservation made on OP 8 that became OP 9 after an amendment prints "operative
 *   paragraph 9"; one on a sub-paragraph names it: "operative paragraph 2 (b)".
 * - Statements of the same kind, on the same paragraph, with the same words (whitespace
 *   aside) are one sentence naming every delegation, alphabetically: "The delegations of
 *   Cuba and Iran (Islamic Rep. of) expressed reservations on …". Anything else is one
 *   sentence per statement.
 * - One marker per footnote, one sentence per footnote, marked "*", "**", "***" … (after
 *   the markers the printed footnotes use); they follow the text: the resolution as a
 *   whole first, then paragraph by paragraph; statements on the same paragraph keep the
 *   order in which they were recorded.
 * Every sentence is worded from the message table in wording.ts.
 */
import { DomainError } from '../errors';
import { collapseSpaces } from '../text/whitespace';
import { describePlace, numberParagraphs, placeOf } from '../resolution/numbering';
import type { NumberedParagraph, Paragraph, ReservationKind, SubparagraphNumbering } from '../resolution/types';
import type { PrintedFootnote, PublicationReservation, PublishedFootnote } from './types';
import { ENGLISH, type Wording } from './wording';

/** The first footnote is "*", the second "**", and so on. */
export function footnoteMarker(index: number): string {
  return '*'.repeat(index + 1);
}

/** "A", "A and B", "A, B and C" (no serial comma, as in UN and IPU texts). */
export function listNames(names: readonly string[], words: Wording = ENGLISH): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')}${words.and}${names[names.length - 1]}`;
}

/**
 * The delegation's words after the paragraph reference. They are joined with a space unless
 * they start with punctuation (", which …"), and the sentence always ends with a full stop
 * (or the "?"/"!" given), possibly inside closing quotes or brackets.
 */
function closing(text: string): string {
  const words = collapseSpaces(text);
  if (!words) return '.';
  const joined = /^[,;:.]/.test(words) ? words : ` ${words}`;
  return /[.!?]["'”’)\]]*$/.test(joined) ? joined : `${joined}.`;
}

export function reservationSentence(
  kind: ReservationKind,
  delegations: readonly string[],
  where: string,
  text: string,
  words: Wording = ENGLISH,
): string {
  const several = delegations.length > 1;
  const names = words.ofEach ? delegations.map((name, i) => (i ? `${words.ofEach} ${name}` : name)) : delegations;
  const subject = `${several ? words.delegationOf.several : words.delegationOf.one} ${listNames(names, words)}`;
  const said = `${subject} ${several ? words.verbs[kind].several : words.verbs[kind].one} ${where}`;
  // The delegation's own words are never retouched, only the sentence built around them.
  return `${words.tidy ? words.tidy(said) : said}${closing(text)}`;
}

/** "operative paragraph 2 (b)" (or "3.1"), "the resolution as a whole": a place named in prose. */
export const describeTextRef = describePlace;

/** The place of a numbered paragraph in the published text. */
export const textRefOf = placeOf;

interface Group {
  kind: ReservationKind;
  paragraph: NumberedParagraph | null;
  /** Position in the text; -1 for the whole text, which comes first. */
  position: number;
  text: string;
  delegations: string[];
}

export interface FootnoteOptions {
  /** Footnotes kept as printed, in printed order. */
  printed?: readonly PrintedFootnote[];
  numbering?: SubparagraphNumbering;
  /** The language's message table (English by default). */
  words?: Wording;
}

/**
 * The footnotes for the statements on a text, numbered from `paragraphs` as published
 * (buildPublishedDocument drops empty paragraphs before calling this). A statement on a
 * paragraph that is no longer in the text is refused: printing it against the wrong number,
 * or dropping it, would misstate what the delegation said.
 */
export function composeFootnotes(
  reservations: readonly PublicationReservation[],
  paragraphs: readonly Paragraph[],
  options: FootnoteOptions = {},
): PublishedFootnote[] {
  const numbering = options.numbering ?? 'letter';
  const words = options.words ?? ENGLISH;
  const numbered = numberParagraphs(paragraphs, numbering);
  const position = new Map(numbered.map((p, i) => [p.id, i]));
  const placeOf = (r: PublicationReservation) => {
    const at = r.paragraphId === null ? -1 : position.get(r.paragraphId);
    if (at === undefined) {
      throw new DomainError(
        'unprocessable:publication',
        `The ${r.kind.replace('_', ' ')} of the delegation of ${r.delegationName} refers to a paragraph that is no longer in the text; attach it to another paragraph or to the resolution as a whole, or withdraw it, before publishing.`,
      );
    }
    return at;
  };
  for (const r of reservations) placeOf(r);

  // Printed footnotes whose statements all stand are printed again as they were.
  const kept: PublishedFootnote[] = [];
  const keptIds = new Set<string>();
  for (const f of options.printed ?? []) {
    const standing = reservations
      .filter((r) => r.footnoteId === f.id)
      .sort((a, b) => (a.footnoteOrder ?? 0) - (b.footnoteOrder ?? 0));
    if (standing.length !== f.statements) continue;
    keptIds.add(f.id);
    const first = standing[0];
    const at = first ? placeOf(first) : -1;
    kept.push({
      marker: f.marker,
      text: f.text,
      target: textRefOf(at >= 0 ? numbered[at] : null, numbering),
      delegations: [...new Set(standing.map((r) => r.delegationName))],
    });
  }

  const groups = new Map<string, Group>();
  for (const r of reservations) {
    if (r.footnoteId && keptIds.has(r.footnoteId)) continue;
    const at = placeOf(r);
    const text = collapseSpaces(r.text);
    const key = JSON.stringify([r.kind, r.paragraphId, text]);
    const group = groups.get(key);
    if (group) {
      if (!group.delegations.includes(r.delegationName)) group.delegations.push(r.delegationName);
    } else {
      groups.set(key, {
        kind: r.kind,
        paragraph: at >= 0 ? numbered[at] : null,
        position: at,
        text,
        delegations: [r.delegationName],
      });
    }
  }
  // New markers continue after the printed ones: "*" printed, so the next is "**".
  const used = new Set(kept.map((n) => n.marker));
  let next = 0;
  const freshMarker = () => {
    while (used.has(footnoteMarker(next))) next += 1;
    used.add(footnoteMarker(next));
    return footnoteMarker(next);
  };
  // Array.prototype.sort is stable: equal positions keep the order of recording.
  const ordered = [...groups.values()].sort((a, b) => a.position - b.position);
  return [
    ...kept,
    ...ordered.map((g) => {
      const delegations = [...g.delegations].sort(new Intl.Collator(words.language, { sensitivity: 'base' }).compare);
      const target = textRefOf(g.paragraph, numbering);
      return {
        marker: freshMarker(),
        text: reservationSentence(g.kind, delegations, describeTextRef(target, numbering, words), g.text, words),
        target,
        delegations,
      };
    }),
  ];
}

/** The footnote call-outs printed in the heading: "*", or "*,**" for two footnotes. */
export function headingMarkers(notes: readonly PublishedFootnote[]): string {
  return notes.map((n) => n.marker).join(',');
}
