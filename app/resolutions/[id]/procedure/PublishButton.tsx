'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { api } from '@/app/_components/api';
import { useConfirm } from '@/app/_components/ConfirmDialog';
import { useToast } from '@/app/_components/Toaster';

/** The secretariat publishes the adopted text; reservations are final from then on. */
export function PublishButton({ resolutionId }: { resolutionId: string }) {
  const t = useTranslations('publish');
  const confirm = useConfirm();
  const toast = useToast();
  const router = useRouter();
  async function publish() {
    const done = await confirm({
      title: t('question'),
      message: t('final'),
      confirmLabel: t('publish'),
      action: async () => {
        await api('POST', `/api/v1/resolutions/${resolutionId}/publication`);
      },
    });
    if (!done) return;
    toast(t('published'));
    router.refresh();
  }
  return (
    <button type="button" onClick={publish} data-testid="publish">
      {t('publish')}
    </button>
  );
}
