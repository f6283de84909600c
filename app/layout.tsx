import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';
import { optionalUser } from './_lib/current-user';
import { Toaster } from './_components/Toaster';
import { SignOutButton } from './_components/SignOutButton';
import { ConfirmProvider } from './_components/ConfirmDialog';

export const metadata: Metadata = {
  title: 'Concord',
  description: 'Committees draft, amend, vote and adopt resolutions together.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await optionalUser();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <Link href="/" className="brand" aria-label="Concord home">
            Concord
          </Link>
          <nav aria-label="Account">
            {user ? (
              <>
                <span className="who" data-testid="signed-in-as">
                  {user.name}
                </span>
                <Link href="/settings/tokens">API tokens</Link>
                <SignOutButton />
              </>
            ) : (
              <Link href="/signin">Sign in</Link>
            )}
          </nav>
        </header>
        <Toaster>
          <ConfirmProvider>
            <main id="main">{children}</main>
          </ConfirmProvider>
        </Toaster>
      </body>
    </html>
  );
}
