import { SignInForm } from './SignInForm';
import { oidcSettings } from '@/server/auth/oidc';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/usecases/reads/demo';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { signedOutMessage, signInErrorMessage } from '@/lib/auth/sign-in-messages';

export const dynamic = 'force-dynamic';

type Params = { callbackUrl?: string | string[]; error?: string | string[]; signedOut?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const oidc = oidcSettings();
  const provider = oidc?.name ?? 'Single sign-on';
  const error = signInErrorMessage(one(params.error), provider);
  const signedOut = error ? null : signedOutMessage(one(params.signedOut), provider);
  const demo = process.env.CONCORD_SEED_DEMO !== '0';
  return (
    <div className="narrow">
      <h1>Sign in to Concord</h1>
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
