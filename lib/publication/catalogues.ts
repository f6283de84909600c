import { ENGLISH, type Wording } from './wording';
import { FRENCH } from './wording-fr';

/**
 * One message table per language. A language without its own table is published with the
 * English one (its paragraphs and statements are still in its own words): adding a table
 * here is all it takes to give it its own heading and footnotes.
 */
const CATALOGUES: Record<string, Wording> = { en: ENGLISH, fr: FRENCH };

export function wordingFor(language: string): Wording {
  return CATALOGUES[language.split('-')[0].toLowerCase()] ?? ENGLISH;
}

export function hasCatalogue(language: string): boolean {
  return language.split('-')[0].toLowerCase() in CATALOGUES;
}
