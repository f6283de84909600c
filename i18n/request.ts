import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { optionalUser } from '@/app/_lib/current-user';
import { chooseLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';

/**
 * The interface language of a page, without a locale in the address: the signed-in user's
 * choice, else the "locale" cookie (signed-out pages such as /signin), else the browser's
 * Accept-Language, else English. Times are shown in UTC, the time zone of the record.
 */
export default getRequestConfig(async () => {
  const [user, jar, head] = await Promise.all([optionalUser(), cookies(), headers()]);
  const locale = chooseLocale({
    userLocale: user?.locale,
    cookieLocale: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: head.get('accept-language'),
  });
  return {
    locale,
    timeZone: 'UTC',
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
