'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { useHydrated } from '@/app/_components/useHydrated';

export function SignInForm({
  callbackUrl,
  oidcName,
  initialError,
}: {
  /** Already checked by the page; checked again here, where the browser follows it. */
  callbackUrl: string;
  oidcName: string | null;
  initialError: string | null;
}) {
  const t = useTranslations('signin');
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      // Without it next-auth sends this page's own URL, and an ?error= left there by a
      // failed single sign-on would read as this attempt's error.
      callbackUrl: safeCallbackPath(callbackUrl),
      redirect: false,
    });
    setBusy(false);
    if (result?.ok && !result.error) {
      window.location.assign(safeCallbackPath(callbackUrl));
      return;
    }
    // next-auth reports a failed check as "CredentialsSignin"; a throttled one carries our message.
    setError(!result?.error || result.error === 'CredentialsSignin' ? t('errors.CredentialsSignin') : result.error);
  }

  return (
    <>
      {/* Before the page's scripts run, the browser would submit the form itself: never with the
          password in the address (method post), and not at all while the button is disabled. */}
      <form onSubmit={submit} method="post" className="card form" aria-describedby={error ? 'signin-error' : undefined}>
        <label>
          {t('email')}
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            // biome-ignore lint/a11y/noAutofocus: the page exists only to sign in, and the e-mail field is its first field
            autoFocus
          />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p id="signin-error" className="error" role="alert" data-testid="signin-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !hydrated}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
      {oidcName && (
        <button
          type="button"
          className="secondary wide"
          disabled={!hydrated}
          onClick={() => signIn('oidc', { callbackUrl: safeCallbackPath(callbackUrl) })}
        >
          {t('signInWith', { provider: oidcName })}
        </button>
      )}
    </>
  );
}
