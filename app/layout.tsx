import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import './globals.css';
import { optionalUser } from './_lib/current-user';
import { Toaster } from './_components/Toaster';
import { SignOutButton } from './_components/SignOutButton';
import { ConfirmProvider } from './_components/ConfirmDialog';
import { LocaleSwitcher } from './_components/LocaleSwitcher';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('layout');
  return { title: 'Concord', description: t('description') };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await optionalUser();
  const locale = await getLocale();
  const t = await getTranslations('layout');
  return (
    <html lang={locale}>
      <body>
        {/* Messages, locale and time zone come from i18n/request.ts to every client component. */}
        <NextIntlClientProvider>
          <a className="skip-link" href="#main">
            {t('skipToContent')}
          </a>
          <header className="topbar">
            <Link href="/" className="brand" aria-label={t('home')}>
              Concord
            </Link>
            <nav aria-label={t('account')}>
              {user ? (
                <>
                  <span className="who" data-testid="signed-in-as">
                    {user.name}
                  </span>
                  <Link href="/settings/tokens">{t('apiTokens')}</Link>
                  <LocaleSwitcher signedIn />
                  <SignOutButton />
                </>
              ) : (
                <>
                  <LocaleSwitcher signedIn={false} />
                  <Link href="/signin">{t('signIn')}</Link>
                </>
              )}
            </nav>
          </header>
          <Toaster>
            <ConfirmProvider>
              <main id="main">{children}</main>
            </ConfirmProvider>
          </Toaster>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
