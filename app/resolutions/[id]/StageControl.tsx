'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, isApiFailure } from '@/app/_components/api';
import { useToast } from '@/app/_components/Toaster';

export function StageControl({
  resolutionId,
  stages,
}: {
  resolutionId: string;
  stages: { value: string; label: string }[];
}) {
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const toast = useToast();
  async function move(to: string, label: string) {
    if (!confirm(`Move the resolution to the ${label.toLowerCase()} stage? A version of the text is kept.`)) return;
    setBusy(true);
    try {
      await api('POST', `/api/v1/resolutions/${resolutionId}/stage`, { to });
      toast(`Stage changed to ${label}`);
      router.refresh();
    } catch (err) {
      toast(isApiFailure(err) ? err.message : 'Could not change the stage', 'error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="stage-actions">
      {stages.map((s) => (
        <button
          type="button"
          key={s.value}
          className="secondary"
          disabled={busy}
          onClick={() => move(s.value, s.label)}
          data-testid={`stage-to-${s.value}`}
        >
          Move to {s.label}
        </button>
      ))}
    </span>
  );
}
