'use client';
import { api } from '@/app/_components/api';
import { useConfirm } from '@/app/_components/ConfirmDialog';
import { useToast } from '@/app/_components/Toaster';
import { useRouter } from 'next/navigation';

export function StageControl({
  resolutionId,
  stages,
}: {
  resolutionId: string;
  stages: { value: string; label: string }[];
}) {
  const confirm = useConfirm();
  const toast = useToast();
  const router = useRouter();
  async function move(to: string, label: string) {
    const moved = await confirm({
      title: `Move to the ${label.toLowerCase()} stage?`,
      message: 'A version of the text as it stands is kept.',
      confirmLabel: `Move to ${label}`,
      action: async () => {
        await api('POST', `/api/v1/resolutions/${resolutionId}/stage`, { to });
      },
    });
    if (!moved) return;
    toast(`Stage changed to ${label}`);
    router.refresh();
  }
  return (
    <span className="stage-actions">
      {stages.map((s) => (
        <button
          type="button"
          key={s.value}
          className="secondary"
          onClick={() => move(s.value, s.label)}
          data-testid={`stage-to-${s.value}`}
        >
          Move to {s.label}
        </button>
      ))}
    </span>
  );
}
