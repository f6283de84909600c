'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { api, isApiFailure } from '@/app/_components/api';
import { useToast } from '@/app/_components/Toaster';

/** The secretariat publishes the adopted text; reservations are final from then on. */
export function PublishButton({ resolutionId }: { resolutionId: string }) {
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const toast = useToast();
  async function publish() {
    if (!confirm('Publish the adopted text? Reservations can no longer be recorded or withdrawn afterwards.')) return;
    setBusy(true);
    try {
      await api('POST', `/api/v1/resolutions/${resolutionId}/publication`);
      toast('Published');
      router.refresh();
    } catch (err) {
      toast(isApiFailure(err) ? err.message : 'Could not publish', 'error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" onClick={publish} disabled={busy} data-testid="publish">
      Publish
    </button>
  );
}
