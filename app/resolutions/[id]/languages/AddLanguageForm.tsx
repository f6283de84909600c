'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';

/** The chair or the secretariat adds a version: a language code, and whether it is official. */
export function AddLanguageForm({ resolutionId }: { resolutionId: string }) {
  const t = useTranslations('languages');
  const router = useRouter();
  const { run, busy, problem: error } = useApiAction();

  async function submit(form: FormData) {
    const added = await run(
      () =>
        api<{ language: string }>('POST', `/api/v1/resolutions/${resolutionId}/languages`, {
          language: String(form.get('language') ?? ''),
          official: form.get('official') === 'on',
        }),
      { failure: t('addFailed'), inline: true },
    );
    if (!added) return;
    router.push(`/resolutions/${resolutionId}/languages?lang=${added.language}`);
    router.refresh();
  }

  return (
    <form action={submit} className="add-language" data-testid="add-language">
      <label>
        {t('code')}{' '}
        <input name="language" required pattern="[a-zA-Z]{2,3}([\-_][a-zA-Z]{2})?" size={6} placeholder="fr" />
      </label>
      <label className="checkbox">
        <input type="checkbox" name="official" /> {t('officialLabel')}
      </label>
      <button type="submit" disabled={busy}>
        {t('add')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
