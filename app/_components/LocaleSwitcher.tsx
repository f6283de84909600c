'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { INTERFACE_LOCALES, LOCALE_COOKIE, LOCALE_NAMES, type InterfaceLocale } from '@/lib/i18n/locales';
import { api } from './api';

/**
 * The interface language, in the header. Signed in, the choice is the user's (every browser
 * they use follows it); signed out, it is this browser's cookie. The page is reloaded so
 * that everything, server-rendered text included, is in the new language.
 */
export function LocaleSwitcher({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations('layout');
  const locale = useLocale();
  const [failed, setFailed] = useState(false);
  async function choose(next: InterfaceLocale) {
    setFailed(false);
    try {
      if (signedIn) await api('PATCH', '/api/v1/me', { locale: next });
      // biome-ignore lint/suspicious/noDocumentCookie: a code from our own list; the Cookie Store API is not in every browser
      else document.cookie = `${LOCALE_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
      window.location.reload();
    } catch {
      setFailed(true);
    }
  }
  return (
    <label className="locale-switcher">
      <span className="sr-only">{t('language')}</span>
      <select
        value={locale}
        onChange={(e) => choose(e.target.value as InterfaceLocale)}
        data-testid="locale-switcher"
        aria-describedby={failed ? 'locale-failed' : undefined}
      >
        {INTERFACE_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      {failed && (
        <span id="locale-failed" role="alert" className="error">
          {t('languageFailed')}
        </span>
      )}
    </label>
  );
}
