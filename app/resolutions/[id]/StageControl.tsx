'use client';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { useTranslations } from 'next-intl';

export function StageControl({
  resolutionId,
  stages,
}: {
  resolutionId: string;
  stages: { value: string; label: string }[];
}) {
  const t = useTranslations('stageControl');
  const { confirmed } = useApiAction();
  const move = (to: string, label: string) =>
    confirmed(
      {
        title: t('question', { stage: label.toLowerCase() }),
        message: t('versionKept'),
        confirmLabel: t('move', { stage: label }),
        action: async () => {
          await api('POST', `/api/v1/resolutions/${resolutionId}/stage`, { to });
        },
      },
      { success: t('changed', { stage: label }), refresh: true },
    );
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
