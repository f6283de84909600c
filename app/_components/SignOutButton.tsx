'use client';
import { useState } from 'react';

/**
 * Signs out through /api/auth/logout, which ends the session on the server (every copy of
 * the cookie stops working) and says where to go next: the single sign-on provider's
 * logout when the session came from it, so a shared terminal does not stay signed in there.
 */
export async function endSession(everywhere = false): Promise<void> {
  const res = await fetch('/api/auth/logout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(everywhere ? { everywhere: true } : {}),
  });
  if (!res.ok) throw new Error(`sign-out answered ${res.status}`);
  const { redirect } = (await res.json()) as { redirect?: string };
  window.location.assign(redirect || '/signin');
}

export function SignOutButton() {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="link-button"
        disabled={state === 'busy'}
        onClick={() => {
          setState('busy');
          endSession().catch(() => setState('failed'));
        }}
      >
        {state === 'busy' ? 'Signing out…' : 'Sign out'}
      </button>
      {state === 'failed' && (
        <span role="alert" className="error">
          Not signed out: the server did not answer. Try again.
        </span>
      )}
    </>
  );
}
