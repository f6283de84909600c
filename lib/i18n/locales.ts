/**
 * The languages the interface is written in (buttons, headings, messages, dates) — not the
 * language versions of a resolution, whose wording follows its own catalogue
 * (lib/publication/catalogues.ts). Adding one: copy messages/en.json to messages/<code>.json,
 * translate it, and add the code here.
 */
export const INTERFACE_LOCALES = ['en', 'fr'] as const;
export type InterfaceLocale = (typeof INTERFACE_LOCALES)[number];
export const DEFAULT_LOCALE: InterfaceLocale = 'en';

/** Each language named in itself, as a switcher lists them. */
export const LOCALE_NAMES: Record<InterfaceLocale, string> = { en: 'English', fr: 'Français' };

/** The cookie that carries a signed-out visitor's choice (and a signed-in one's, for sign-in). */
export const LOCALE_COOKIE = 'locale';

export function isInterfaceLocale(value: unknown): value is InterfaceLocale {
  return typeof value === 'string' && (INTERFACE_LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported language of an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8"),
 * by quality then order; only the primary subtag counts (fr-CA reads French). Null when
 * none is supported. Bounded: a header longer than a browser sends is cut.
 */
export function negotiateLocale(header: string | null | undefined): InterfaceLocale | null {
  if (!header) return null;
  const ranges = header
    .slice(0, 1000)
    .split(',')
    .slice(0, 50)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      const quality = q ? Number(q[1]) : 1;
      return {
        primary: tag.trim().toLowerCase().split('-')[0],
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const r of ranges) if (isInterfaceLocale(r.primary)) return r.primary;
  return null;
}

/** (1) the user's preference, (2) the cookie, (3) the browser, (4) English. */
export function chooseLocale(input: {
  userLocale?: string | null;
  cookieLocale?: string | null;
  acceptLanguage?: string | null;
}): InterfaceLocale {
  if (isInterfaceLocale(input.userLocale)) return input.userLocale;
  if (isInterfaceLocale(input.cookieLocale)) return input.cookieLocale;
  return negotiateLocale(input.acceptLanguage) ?? DEFAULT_LOCALE;
}
