'use client';
import { useTranslations } from 'next-intl';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';

/** The secretariat publishes the adopted text; reservations are final from then on. */
export function PublishButton({ resolutionId }: { resolutionId: string }) {
  const t = useTranslations('publish');
  const { confirmed } = useApiAction();
  const publish = () =>
    confirmed(
      {
        title: t('question'),
        message: t('final'),
        confirmLabel: t('publish'),
        action: async () => {
          await api('POST', `/api/v1/resolutions/${resolutionId}/publication`);
        },
      },
      { success: t('published'), refresh: true },
    );
  return (
    <button type="button" onClick={publish} data-testid="publish">
      {t('publish')}
    </button>
  );
}
