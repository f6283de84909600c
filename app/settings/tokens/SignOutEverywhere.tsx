'use client';
import { useTranslations } from 'next-intl';
import { useSignOut } from '@/app/_components/SignOutButton';
import { useConfirm } from '@/app/_components/ConfirmDialog';

/** Ends every session of the account, this browser's included (issue 11.3). */
export function SignOutEverywhere({ sessions }: { sessions: number }) {
  const t = useTranslations('signOut');
  const { busy, start, failure } = useSignOut(true);
  const confirm = useConfirm();
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('browsersHeading')}</h2>
      <p data-testid="session-count">{t('browsers', { count: sessions })}</p>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={async () => {
          if (
            await confirm({
              title: t('everywhereQuestion'),
              confirmLabel: t('everywhere'),
              danger: true,
            })
          )
            start();
        }}
      >
        {busy ? t('busy') : t('everywhere')}
      </button>
      {failure}
    </section>
  );
}
