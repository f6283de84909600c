'use client';
import { useSignOut } from '@/app/_components/SignOutButton';
import { useConfirm } from '@/app/_components/ConfirmDialog';

/** Ends every session of the account, this browser's included (issue 11.3). */
export function SignOutEverywhere({ sessions }: { sessions: number }) {
  const { busy, start, failure } = useSignOut(true);
  const confirm = useConfirm();
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Signed-in browsers</h2>
      <p data-testid="session-count">
        You are signed in on {sessions === 1 ? 'one browser (this one)' : `${sessions} browsers, this one included`}.
        Signing out everywhere ends every one of them at once: their pages, API calls and open documents. Your API
        tokens keep working; revoke them above.
      </p>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={async () => {
          if (
            await confirm({
              title: 'Sign out of Concord on every browser, this one included?',
              confirmLabel: 'Sign out everywhere',
              danger: true,
            })
          )
            start();
        }}
      >
        {busy ? 'Signing out…' : 'Sign out everywhere'}
      </button>
      {failure}
    </section>
  );
}
