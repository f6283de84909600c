import { getTranslations } from 'next-intl/server';
import { SignInForm } from './SignInForm';
import { oidcSettings } from '@/server/auth/oidc';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/usecases/reads/demo';
import { safeCallbackPath } from '@/lib/auth/callback-url';

export const dynamic = 'force-dynamic';

type Params = { callbackUrl?: string | string[]; error?: string | string[]; signedOut?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** next-auth's codes (OAuthSignin, …) and Concord's own (sso_…); anything else is "other". */
const ERROR_CODES = [
  'sso_email_unverified',
  'sso_no_email',
  'sso_bad_claims',
  'OAuthSignin',
  'OAuthCallback',
  'CredentialsSignin',
  'SessionRequired',
] as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const t = await getTranslations('signin');
  const oidc = oidcSettings();
  const provider = oidc?.name ?? t('singleSignOn');
  const code = one(params.error);
  const error = code
    ? t(
        `errors.${(ERROR_CODES as readonly string[]).includes(code) ? (code as (typeof ERROR_CODES)[number]) : 'other'}`,
        {
          provider,
        },
      )
    : null;
  const out = one(params.signedOut);
  const signedOut =
    error || !out ? null : out === 'provider-unreachable' ? t('signedOutUnreachable', { provider }) : t('signedOut');
  const demo = process.env.CONCORD_SEED_DEMO !== '0';
  return (
    <div className="narrow">
      <h1>{t('title')}</h1>
      {signedOut && (
        <p className="card" role="status" data-testid="signed-out">
          {signedOut}
        </p>
      )}
      <SignInForm
        callbackUrl={safeCallbackPath(one(params.callbackUrl))}
        oidcName={oidc ? provider : null}
        initialError={error}
      />
      {demo && (
        <details className="demo-accounts">
          <summary>{t('demoAccounts')}</summary>
          <p>
            {t('demoPassword')} <code>{DEMO_PASSWORD}</code>
          </p>
          <ul>
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email}>
                <code>{a.email}</code> — {t(`demoRole.${a.role}`)}
                {a.delegation ? `, ${a.delegation}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
