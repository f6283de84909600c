import type { Db } from '../../db/client';
import { renderRedlineText } from '../../lib/amendments/redline';
import { describeCounts } from '../../lib/languages/alignment';
import type { AlignedParagraph } from '../../lib/languages/types';
import { textStoreFor } from '../kernel/runtime';
import type { UseCaseContext } from '../kernel/use-case';
import type { VersionSummary } from '../languages/language-text';

/** What the language reads run with from a route: the text as this process sees it. */
export function languageContext(db: Db): UseCaseContext {
  return { db, text: textStoreFor(db) };
}

export const presentTranslatedParagraph = (p: AlignedParagraph) => ({
  id: p.id,
  kind: p.kind,
  label: p.label,
  printedNumber: p.printedNumber,
  text: p.translation,
  originalText: p.originalText,
  translationStatus: p.status,
  ...(p.originalChange ? { originalChange: renderRedlineText(p.originalChange) } : {}),
});

export const presentVersionSummary = (v: VersionSummary) => ({ ...v, summary: describeCounts(v.language, v.counts) });
