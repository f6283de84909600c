'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { DecisionWords } from '@/app/_lib/text-marks';

/** How amendments were decided and which compete, in the reader's interface language. */
export function useDecisionWords(): DecisionWords {
  const t = useTranslations('decisions');
  const format = useFormatter();
  return useMemo(
    () => ({
      byVote: (totals) => t('byVote', { ...totals }),
      byConsensus: t('byConsensus'),
      conflict: (number, others) =>
        t('conflict', { count: others.length + 1, list: format.list([number, ...others], { type: 'conjunction' }) }),
    }),
    [t, format],
  );
}
