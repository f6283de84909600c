'use client';
import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';

/** A blank draft: one empty operative paragraph to start typing into. */
export function NewResolutionForm({ committee }: { committee: string }) {
  const t = useTranslations('committee');
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const router = useRouter();
  const { run, busy } = useApiAction();
  const titleInput = useRef<HTMLInputElement>(null);
  // The field replaces the button that opened it: focus follows, rather than being lost.
  useEffect(() => {
    if (open) titleInput.current?.focus();
  }, [open]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    const r = await run(() => api<{ id: string }>('POST', `/api/v1/committees/${committee}/resolutions`, { title }), {
      success: t('draftCreated', { title }),
      failure: t('draftFailed'),
    });
    if (r) router.push(`/resolutions/${r.id}`);
  }

  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t('newDraft')}
      </button>
    );
  }
  return (
    <form onSubmit={create} className="inline-form">
      <label>
        {t('title')}{' '}
        <input ref={titleInput} value={title} onChange={(e) => setTitle(e.target.value)} required minLength={3} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('create')}
      </button>
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        {t('cancel')}
      </button>
    </form>
  );
}
