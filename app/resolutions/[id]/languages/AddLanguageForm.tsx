'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, isApiFailure } from '@/app/_components/api';

/** The chair or the secretariat adds a version: a language code, and whether it is official. */
export function AddLanguageForm({ resolutionId }: { resolutionId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    try {
      const added = await api<{ language: string }>('POST', `/api/v1/resolutions/${resolutionId}/languages`, {
        language: String(form.get('language') ?? ''),
        official: form.get('official') === 'on',
      });
      router.push(`/resolutions/${resolutionId}/languages?lang=${added.language}`);
      router.refresh();
    } catch (e) {
      setError(isApiFailure(e) ? e.message : 'The version could not be added.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form action={submit} className="add-language" data-testid="add-language">
      <label>
        Language code{' '}
        <input name="language" required pattern="[a-zA-Z]{2,3}([\-_][a-zA-Z]{2})?" size={6} placeholder="fr" />
      </label>
      <label>
        <input type="checkbox" name="official" /> Official (must be complete before publication)
      </label>
      <button type="submit" disabled={busy}>
        Add version
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
