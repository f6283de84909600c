/**
 * French elision and contraction of the little words a sentence is built with, once names
 * are put into it: "de Israël" → "d’Israël", "la Indonésie" → "l’Indonésie", "de le Canada"
 * → "du Canada", "de les Émirats arabes unis" → "des Émirats arabes unis", while "de la
 * Hongrie" and "du Honduras" keep theirs (h aspiré) and "du Yémen" too (y before a vowel
 * is a consonant). The apostrophe is the typographic ’, as everywhere in the catalogue.
 */

/** Words whose h is aspirated: nothing elides before them. Any other h is mute ("d’Haïti"). */
const ASPIRATED_H = [
  // Places
  'hongr', // Hongrie, hongrois
  'hondur', // Honduras
  'holland',
  'hambourg',
  'hanovre',
  'havane',
  'himalaya',
  'hong kong',
  'hawa', // Hawaï
  // Words of procedure and ordinary prose
  'haut',
  'hors',
  'hausse',
  'hâte',
  'hasard',
  'haine',
  'halte',
  'hall',
  'hameau',
  'handicap',
  'harcèlement',
  'hiérarch',
  'honte',
  'héros',
  'huit',
];

const LETTER = String.raw`\p{L}\p{N}`;
/** de, que, le, la as whole words, then the space before the next word. */
const ELIDABLE = new RegExp(String.raw`(?<![${LETTER}’'-])(de|que|le|la)\s+(?=([${LETTER}][${LETTER}’'-]*))`, 'giu');

function beginsWithVowelSound(word: string): boolean {
  const w = word.normalize('NFD').toLowerCase();
  const first = w[0];
  if (first === 'h') return !ASPIRATED_H.some((stem) => w.startsWith(stem.normalize('NFD')));
  // Y before a vowel is a consonant ("le Yémen"); before a consonant it is a vowel ("d’Yvelines").
  if (first === 'y') return !/^y[aeiou]/.test(w);
  return /^[aeiou]/.test(first);
}

/** The elided form of one small word, keeping its capital: "De" → "D’", "que" → "qu’". */
function elided(word: string): string {
  const lower = word.toLowerCase();
  const short = lower === 'que' ? 'qu’' : `${lower[0]}’`;
  return word[0] === word[0].toUpperCase() ? short[0].toUpperCase() + short.slice(1) : short;
}

/** "de Israël" → "d’Israël", "que il" → "qu’il", "la Albanie" → "l’Albanie". */
export function elideFrench(text: string): string {
  return text.replace(ELIDABLE, (match, word: string, next: string) =>
    beginsWithVowelSound(next) ? elided(word) : match,
  );
}

/** "de le" → "du", "de les" → "des", "à le" → "au", "à les" → "aux" (after elision: "de l’Iran" stays). */
export function contractFrench(text: string): string {
  const word = (w: string) => new RegExp(`(?<![${LETTER}’'-])${w}(?![${LETTER}’'-])`, 'gu');
  return text
    .replace(word('de le'), 'du')
    .replace(word('de les'), 'des')
    .replace(word('à le'), 'au')
    .replace(word('à les'), 'aux');
}

/** A French sentence's little words, as French writes them. */
export function frenchArticles(text: string): string {
  return contractFrench(elideFrench(text));
}
