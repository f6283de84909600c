/**
 * Language codes as Concord stores them: a BCP 47 primary language subtag in lower case
 * ("fr", "ar", "zh"), optionally with a region ("pt-BR"). Kept short and strict: a code is
 * part of a room name (`<resolution id>/<language>`) and of URLs.
 */
const CODE = /^[a-z]{2,3}(?:-[A-Z]{2})?$/;

export function isLanguageCode(value: string): boolean {
  return CODE.test(value);
}

/** "FR" or "fr_ca" typed by a person → "fr", "fr-CA"; null when it is no language code. */
export function normaliseLanguageCode(value: string): string | null {
  const [lang, region] = value.trim().replace('_', '-').split('-');
  const code = region ? `${lang.toLowerCase()}-${region.toUpperCase()}` : (lang ?? '').toLowerCase();
  return isLanguageCode(code) ? code : null;
}

/** Scripts written right to left (Arabic, Hebrew, Persian, Urdu, and their neighbours). */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

export function isRightToLeft(code: string): boolean {
  return RIGHT_TO_LEFT.has(code.split('-')[0].toLowerCase());
}

export function textDirection(code: string): 'rtl' | 'ltr' {
  return isRightToLeft(code) ? 'rtl' : 'ltr';
}

/** ISO 639-2 (three letters), as Akoma Ntoso's FRBRlanguage wants: the UN's six and a few more. */
const THREE_LETTER: Record<string, string> = {
  en: 'eng',
  fr: 'fra',
  es: 'spa',
  ar: 'ara',
  ru: 'rus',
  zh: 'zho',
  de: 'deu',
  it: 'ita',
  pt: 'por',
  nl: 'nld',
  he: 'heb',
  fa: 'fas',
  ur: 'urd',
  ja: 'jpn',
  ko: 'kor',
  tr: 'tur',
  pl: 'pol',
  uk: 'ukr',
  sw: 'swa',
  th: 'tha',
};

export function threeLetterCode(code: string): string {
  const primary = code.split('-')[0].toLowerCase();
  return THREE_LETTER[primary] ?? primary;
}

/** The language's name in itself, for menus: "français", "العربية"; the code when unknown. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
