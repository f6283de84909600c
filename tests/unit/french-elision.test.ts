import { describe, expect, it } from 'vitest';
import { contractFrench, elideFrench, frenchArticles } from '@/lib/text/french-elision';
import { reservationSentence } from '@/lib/publication/footnotes';
import { FRENCH } from '@/lib/publication/wording-fr';

/**
 * French elision of "de", "que", "le", "la" before a vowel or a mute h, over names of IPU
 * Member Parliaments' countries as the French texts write them, with or without article.
 */
const of = (name: string) => frenchArticles(`La délégation de ${name}`);

describe('French elision', () => {
  it('elides before a vowel, accented or not', () => {
    const cases: [string, string][] = [
      ['Israël', 'La délégation d’Israël'],
      ['Indonésie', 'La délégation d’Indonésie'],
      ['l’Indonésie', 'La délégation de l’Indonésie'],
      ['la Indonésie', 'La délégation de l’Indonésie'],
      ['le Afghanistan', 'La délégation de l’Afghanistan'],
      ['l’Algérie', 'La délégation de l’Algérie'],
      ['Andorre', 'La délégation d’Andorre'],
      ['Angola', 'La délégation d’Angola'],
      ['Égypte', 'La délégation d’Égypte'],
      ['El Salvador', 'La délégation d’El Salvador'],
      ['Équateur', 'La délégation d’Équateur'],
      ['Érythrée', 'La délégation d’Érythrée'],
      ['Éthiopie', 'La délégation d’Éthiopie'],
      ['Eswatini', 'La délégation d’Eswatini'],
      ['Iraq', 'La délégation d’Iraq'],
      ['Islande', 'La délégation d’Islande'],
      ['Oman', 'La délégation d’Oman'],
      ['Ouganda', 'La délégation d’Ouganda'],
      ['Ouzbékistan', 'La délégation d’Ouzbékistan'],
      ['Azerbaïdjan', 'La délégation d’Azerbaïdjan'],
      ['Uruguay', 'La délégation d’Uruguay'],
      ['Ukraine', 'La délégation d’Ukraine'],
      ['Haïti', 'La délégation d’Haïti'],
    ];
    for (const [name, expected] of cases) expect(of(name), name).toBe(expected);
  });

  it('keeps the article before a consonant, an aspirated h and a consonantal y', () => {
    const cases: [string, string][] = [
      ['Cuba', 'La délégation de Cuba'],
      ['la Hongrie', 'La délégation de la Hongrie'],
      ['Hongrie', 'La délégation de Hongrie'],
      ['le Honduras', 'La délégation du Honduras'],
      ['le Yémen', 'La délégation du Yémen'],
      ['le Canada', 'La délégation du Canada'],
      ['la Thaïlande', 'La délégation de la Thaïlande'],
      ['les Émirats arabes unis', 'La délégation des Émirats arabes unis'],
      ['les Pays-Bas', 'La délégation des Pays-Bas'],
      ['la République démocratique du Congo', 'La délégation de la République démocratique du Congo'],
    ];
    for (const [name, expected] of cases) expect(of(name), name).toBe(expected);
  });

  it('elides que, le and la too, keeping capitals; other words and word-parts are left alone', () => {
    expect(elideFrench('Que il soit noté que elle a voté')).toBe('Qu’il soit noté qu’elle a voté');
    expect(elideFrench('le alinéa et la Albanie')).toBe('l’alinéa et l’Albanie');
    expect(elideFrench('De Israël')).toBe('D’Israël');
    // "le" at the end of "modèle", "de" inside "Inde": not words of their own.
    expect(elideFrench('un modèle accepté, Inde et Iran')).toBe('un modèle accepté, Inde et Iran');
    expect(elideFrench('l’Iran (République islamique d’)')).toBe('l’Iran (République islamique d’)');
    expect(elideFrench('de honneur, de histoire, la hausse, le hasard')).toBe(
      'd’honneur, d’histoire, la hausse, le hasard',
    );
  });

  it('contracts after eliding: "de le" before a consonant only', () => {
    expect(contractFrench('de le paragraphe, à les délégations, de les Pays-Bas')).toBe(
      'du paragraphe, aux délégations, des Pays-Bas',
    );
    expect(frenchArticles('de le Iran')).toBe('de l’Iran');
    expect(contractFrench('modèle de lecture')).toBe('modèle de lecture');
  });

  it('repeats and elides the preposition before each delegation of a footnote', () => {
    expect(
      reservationSentence(
        'reservation',
        ['Cuba', 'Israël', 'la Hongrie', 'l’Indonésie'],
        FRENCH.place!({ kind: 'operative', number: 8 }, 'letter'),
        '',
        FRENCH,
      ),
    ).toBe(
      'Les délégations de Cuba, d’Israël, de la Hongrie et de l’Indonésie ont exprimé des réserves sur le paragraphe 8 du dispositif.',
    );
    expect(
      reservationSentence(
        'dissociation',
        ['Israël'],
        FRENCH.place!({ kind: 'preambular', number: 3 }, 'letter'),
        '',
        FRENCH,
      ),
    ).toBe('La délégation d’Israël s’est dissociée de l’alinéa 3 du préambule.');
  });
});
