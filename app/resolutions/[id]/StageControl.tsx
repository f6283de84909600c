'use client';
import { api } from '@/app/_components/api';
import { useConfirm } from '@/app/_components/ConfirmDialog';
import { useToast } from '@/app/_components/Toaster';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';

export function StageControl({
  resolutionId,
  stages,
}: {
  resolutionId: string;
  stages: { value: string; label: string }[];
}) {
  const t = useTranslations('stageControl');
  const confirm = useConfirm();
  const toast = useToast();
  const router = useRouter();
  async function move(to: string, label: string) {
    const moved = await confirm({
      title: t('question', { stage: label.toLowerCase() }),
      message: t('versionKept'),
      confirmLabel: t('move', { stage: label }),
      action: async () => {
        await api('POST', `/api/v1/resolutions/${resolutionId}/stage`, { to });
      },
    });
    if (!moved) return;
    toast(t('changed', { stage: label }));
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
          {t('move', { stage: s.label })}
        </button>
      ))}
    </span>
  );
}
