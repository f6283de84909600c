import type { Db } from '@/db/client';
import { currentState } from '@/usecases/reads/resolution-text';
import { languageChanged } from '@/server/resolution-text';
import { publishProcedureEvent } from '@/server/procedure-events';
import { renderRedlineText } from '@/lib/amendments/redline';
import { describeCounts } from '@/lib/languages/alignment';
import type { AlignedParagraph } from '@/lib/languages/types';
import type { LanguageActContext, LanguageOutcome } from '@/usecases/languages/context';
import type { VersionSummary } from '@/usecases/languages/language-text';

/** The context language acts run in from a route: the text as this process sees it. */
export function languageContext(db: Db): LanguageActContext {
  return { db, text: { read: (resolutionId) => currentState(db, resolutionId) } };
}

/** Runs a language act and tells every open page of the resolution. */
export async function act<R>(outcome: Promise<LanguageOutcome<R>>): Promise<R> {
  const { result, events } = await outcome;
  for (const e of events) {
    publishProcedureEvent(e);
    // An open live room of the version folds the new wording in.
    if (e.type === 'language.changed' && typeof e.data.language === 'string')
      languageChanged(e.resolutionId, e.data.language);
  }
  return result;
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
