/**
 * Reservation footnotes, written the way a secretariat writes them:
 *
 *   * The delegation of Iran (Islamic Rep. of) expressed a reservation on operative
 *     paragraph 8 in relation to the concept of "gender equality".
 *
 * Conventions (DESIGN.md, Reservation):
 * - The paragraph is named by its number AT PUBLICATION, looked up by stable id: a
 *   reservation made on OP 8 that became OP 9 after an amendment prints "operative
 *   paragraph 9".
 * - Reservations of the same kind, on the same paragraph, with the same words (whitespace
 *   aside) are one sentence naming every delegation, alphabetically: "The delegations of
 *   Cuba and Iran (Islamic Rep. of) expressed reservations on …". Anything else is one
 *   sentence per reservation.
 * - Each sentence is its own footnote, marked "*", "**", "***" …; footnotes follow the
 *   text: the resolution as a whole first, then paragraph by paragraph; reservations on the
 *   same paragraph keep the order in which they were recorded.
 */
import { DomainError } from '../errors';
import { collapseSpaces } from '../text/whitespace';
import { describeParagraph, numberParagraphs, subParagraphLetter } from '../resolution/numbering';
import type { NumberedParagraph, Paragraph, ReservationKind } from '../resolution/types';
import type { TextRef, PublicationReservation, PublishedFootnote } from './types';

/** The first footnote is "*", the second "**", and so on. */
export function footnoteMarker(index: number): string {
  return '*'.repeat(index + 1);
}

const VERBS: Record<ReservationKind, { one: string; several: string }> = {
  reservation: { one: 'expressed a reservation on', several: 'expressed reservations on' },
  dissociation: { one: 'dissociated itself from', several: 'dissociated themselves from' },
  interpretative_statement: {
    one: 'made an interpretative statement on',
    several: 'made interpretative statements on',
  },
};

const WHOLE_TEXT = 'the resolution as a whole';

const collator = new Intl.Collator('en', { sensitivity: 'base' });
const squash = collapseSpaces;

/** "A", "A and B", "A, B and C" (no serial comma, as in UN and IPU texts). */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The delegation's words after the paragraph reference. They are joined with a space unless
 * they start with punctuation (", which …"), and the sentence always ends with a full stop
 * (or the "?"/"!" given), possibly inside closing quotes or brackets.
 */
function closing(text: string): string {
  const words = squash(text);
  if (!words) return '.';
  const joined = /^[,;:.]/.test(words) ? words : ` ${words}`;
  return /[.!?]["'”’)\]]*$/.test(joined) ? joined : `${joined}.`;
}

export function reservationSentence(
  kind: ReservationKind,
  delegations: readonly string[],
  where: string,
  text: string,
): string {
  const several = delegations.length > 1;
  const subject = `The ${several ? 'delegations' : 'delegation'} of ${listNames(delegations)}`;
  return `${subject} ${several ? VERBS[kind].several : VERBS[kind].one} ${where}${closing(text)}`;
}

/** "operative paragraph 2 (b)", "the resolution as a whole": a place named in prose. */
export function describeTextRef(ref: TextRef): string {
  switch (ref.kind) {
    case 'resolution':
      return WHOLE_TEXT;
    case 'preambular':
      return `preambular paragraph ${ref.number}`;
    case 'operative':
      return `operative paragraph ${ref.number}`;
    case 'subparagraph':
      return `operative paragraph ${ref.number} (${ref.letter})`;
  }
}

export function textRefOf(p: NumberedParagraph | null): TextRef {
  if (!p) return { kind: 'resolution' };
  if (p.kind === 'subparagraph')
    return { kind: 'subparagraph', number: p.parentOrdinal ?? 0, letter: subParagraphLetter(p.ordinal) };
  return { kind: p.kind, number: p.ordinal };
}

interface Group {
  kind: ReservationKind;
  paragraph: NumberedParagraph | null;
  /** Position in the text; -1 for the whole text, which comes first. */
  position: number;
  text: string;
  delegations: string[];
}

/**
 * The footnotes for the reservations on a text, numbered from `paragraphs` as published
 * (buildPublishedDocument drops empty paragraphs before calling this). A reservation on a
 * paragraph that is no longer in the text is refused: printing it against the wrong number,
 * or dropping it, would misstate what the delegation said.
 */
export function composeFootnotes(
  reservations: readonly PublicationReservation[],
  paragraphs: readonly Paragraph[],
): PublishedFootnote[] {
  const numbered = numberParagraphs(paragraphs);
  const position = new Map(numbered.map((p, i) => [p.id, i]));
  const groups = new Map<string, Group>();
  for (const r of reservations) {
    const at = r.paragraphId === null ? -1 : position.get(r.paragraphId);
    if (at === undefined) {
      throw new DomainError(
        'unprocessable:publication',
        `The ${r.kind.replace('_', ' ')} of the delegation of ${r.delegationName} refers to a paragraph that is no longer in the text; attach it to another paragraph or to the resolution as a whole, or withdraw it, before publishing.`,
      );
    }
    const text = squash(r.text);
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
  // Array.prototype.sort is stable: equal positions keep the order of recording.
  const ordered = [...groups.values()].sort((a, b) => a.position - b.position);
  return ordered.map((g, i) => {
    const delegations = [...g.delegations].sort(collator.compare);
    const where = g.paragraph ? describeParagraph(g.paragraph) : WHOLE_TEXT;
    return {
      marker: footnoteMarker(i),
      text: reservationSentence(g.kind, delegations, where, g.text),
      target: textRefOf(g.paragraph),
      delegations,
    };
  });
}

/** The footnote call-outs printed in the heading: "*", or "*,**" for two footnotes. */
export function headingMarkers(notes: readonly PublishedFootnote[]): string {
  return notes.map((n) => n.marker).join(',');
}
