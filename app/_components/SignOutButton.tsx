'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { api } from './api';

/**
 * Signs out through /api/auth/logout, which ends the session on the server (every copy of
 * the cookie stops working) and says where to go next: the single sign-on provider's
 * logout when the session came from it, so a shared terminal does not stay signed in there.
 */
async function endSession(everywhere: boolean): Promise<void> {
  const { redirect } = await api<{ redirect?: string }>(
    'POST',
    '/api/auth/logout',
    everywhere ? { everywhere: true } : {},
  );
  window.location.assign(redirect || '/signin');
}

/** A sign-out control's state: idle, on its way, or failed (and saying so). */
export function useSignOut(everywhere = false) {
  const t = useTranslations('signOut');
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const start = () => {
    setState('busy');
    endSession(everywhere).catch(() => setState('failed'));
  };
  const failure =
    state === 'failed' ? (
      <span role="alert" className="error">
        {t('failed')}
      </span>
    ) : null;
  return { busy: state === 'busy', start, failure };
}

export function SignOutButton() {
  const t = useTranslations('signOut');
  const { busy, start, failure } = useSignOut();
  return (
    <>
      <button type="button" className="link-button" disabled={busy} onClick={start}>
        {busy ? t('busy') : t('signOut')}
      </button>
      {failure}
    </>
  );
}
