import { SignInForm } from './SignInForm';
import { oidcConfigured } from '@/server/auth/next-auth-options';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/db/commands/demo-seeder';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const safeCallback = callbackUrl?.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  const demo = process.env.CONCORD_SEED_DEMO !== '0';
  return (
    <div className="narrow">
      <h1>Sign in to Concord</h1>
      <SignInForm
        callbackUrl={safeCallback}
        oidcName={oidcConfigured() ? process.env.OIDC_NAME || 'Single sign-on' : null}
      />
      {demo && (
        <details className="demo-accounts">
          <summary>Demo accounts</summary>
          <p>
            Password for all: <code>{DEMO_PASSWORD}</code>
          </p>
          <ul>
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email}>
                <code>{a.email}</code> — {a.role}
                {a.delegation ? `, ${a.delegation}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
