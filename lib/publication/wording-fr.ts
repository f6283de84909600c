/**
 * The French message table, in the conventions of the IPU's and the UN's French texts:
 *
 *   Résolution adoptée par consensus* par la 122e Assemblée de l'UIP
 *   (Bangkok, 1er avril 2010)
 *
 *   * La délégation de l'Iran (République islamique d') a exprimé une réserve sur le
 *     paragraphe 8 du dispositif …
 *
 * Month names in lower case, "1er" for the first day of a month, thousands separated by a
 * narrow space, preambular paragraphs called "alinéas du préambule", operative ones
 * "paragraphes du dispositif", sub-paragraphs "alinéa b) du paragraphe 2".
 */
import type { ParagraphRef, SubparagraphNumbering } from '../resolution/types';
import type { Wording } from './wording';
import { frenchArticles } from '../text/french-elision';

/** "la 122e Assemblée de l'UIP" keeps its article; a body without one is given "la". */
function byBody(name: string): string {
  return /^(le|la|les)\s|^l['’]/i.test(name) ? ` par ${name}` : ` par la ${name}`;
}

function place(ref: ParagraphRef, numbering: SubparagraphNumbering): string {
  const decimal = numbering === 'decimal';
  switch (ref.kind) {
    case 'resolution':
      return 'la résolution dans son ensemble';
    case 'preambular':
      return `l’alinéa ${ref.number} du préambule`;
    case 'operative':
      return `le paragraphe ${ref.number} du dispositif`;
    case 'subparagraph':
      return decimal
        ? `le paragraphe ${ref.number}.${ref.letter} du dispositif`
        : `l’alinéa ${ref.letter}) du paragraphe ${ref.number} du dispositif`;
    case 'subsubparagraph':
      return decimal
        ? `le paragraphe ${ref.number}.${ref.letter}.${ref.item} du dispositif`
        : `le point ${ref.item}) de l’alinéa ${ref.letter}) du paragraphe ${ref.number} du dispositif`;
  }
}

/**
 * The sentence's little words once the names are in: elided before a vowel or a mute h
 * ("d’Israël", "l’alinéa"), contracted ("de le Canada" → "du Canada").
 */
const tidy = frenchArticles;

export const FRENCH: Wording = {
  language: 'fr',
  numberLocale: 'fr-FR',
  resolutionAdopted: 'Résolution adoptée',
  byThe: 'par la',
  methods: {
    consensus: 'par consensus',
    without_vote: 'sans vote',
    vote: 'à l’issue d’un vote',
    recordedVote: 'à l’issue d’un vote enregistré',
    votesTo: (yes, no) => `par ${yes} voix contre ${no}`,
    recordedVoteOf: (yes, no) => `à l’issue d’un vote enregistré, par ${yes} voix contre ${no}`,
    abstentions: (count, plural) => `, avec ${count} ${plural ? 'abstentions' : 'abstention'},`,
  },
  months: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  delegationOf: { one: 'La délégation de', several: 'Les délégations de' },
  // "de Cuba et d’Israël": French repeats the preposition before each name.
  ofEach: 'de',
  verbs: {
    reservation: { one: 'a exprimé une réserve sur', several: 'ont exprimé des réserves sur' },
    dissociation: { one: 's’est dissociée de', several: 'se sont dissociées de' },
    interpretative_statement: {
      one: 'a fait une déclaration interprétative sur',
      several: 'ont fait des déclarations interprétatives sur',
    },
  },
  wholeText: 'la résolution dans son ensemble',
  preambularParagraph: 'alinéa du préambule',
  operativeParagraph: 'paragraphe du dispositif',
  and: ' et ',
  day: (day) => (day === 1 ? '1er' : String(day)),
  byBody,
  place,
  tidy,
};
