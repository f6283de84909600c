import { listLanguageVersions, listParagraphWordings, listReservationTranslations } from '../../db/queries/languages';
import { listReservations } from '../../db/queries/reservations';
import { alignVersion, countStatuses, translationStatus } from '../../lib/languages/alignment';
import { textDirection } from '../../lib/languages/codes';
import type { AlignedParagraph, StatusCounts, TranslationStatus } from '../../lib/languages/types';
import type { DiffSegment } from '../../lib/amendments/diff';
import { diffWords } from '../../lib/amendments/diff';
import { languageActing, originalParagraphs, versionOf, type LanguageActContext } from './context';

export interface StatementInLanguage {
  reservationId: string;
  paragraphId: string | null;
  kind: string;
  delegation: string;
  originalText: string;
  translation: string;
  translatedDelegation: string;
  status: TranslationStatus;
  originalChange?: DiffSegment[];
}

export interface VersionText {
  language: string;
  official: boolean;
  direction: 'ltr' | 'rtl';
  title: string;
  sessionLabel: string;
  enactingFormula: string;
  counts: StatusCounts;
  paragraphs: AlignedParagraph[];
  statements: StatementInLanguage[];
}

/** A version as readers see it: every paragraph of the original with the version's words and status. */
export async function readVersionText(
  ctx: LanguageActContext,
  userId: string,
  input: { resolutionId: string; language: string },
): Promise<VersionText> {
  const { resolution } = await languageActing(ctx.db, userId, input.resolutionId);
  const version = await versionOf(ctx.db, resolution, input.language);
  const [original, wordings, reservations, translations] = await Promise.all([
    originalParagraphs(ctx, resolution.id),
    listParagraphWordings(ctx.db, resolution.id, version.language),
    listReservations(ctx.db, resolution.id),
    listReservationTranslations(ctx.db, resolution.id, version.language),
  ]);
  const paragraphs = alignVersion(original, wordings);
  const byId = new Map(translations.map((t) => [t.id, t]));
  const statements = reservations.map((r): StatementInLanguage => {
    const t = byId.get(r.id);
    const status = translationStatus(r.text, t);
    return {
      reservationId: r.id,
      paragraphId: r.paragraphId,
      kind: r.kind,
      delegation: r.delegation,
      originalText: r.text,
      translation: t?.text ?? '',
      translatedDelegation: t?.delegationName ?? '',
      status,
      ...(status === 'needs_translation' && t ? { originalChange: diffWords(t.confirmedText, r.text) } : {}),
    };
  });
  return {
    language: version.language,
    official: version.official,
    direction: textDirection(version.language),
    title: version.title,
    sessionLabel: version.sessionLabel,
    enactingFormula: version.enactingFormula,
    counts: countStatuses([...paragraphs, ...statements]),
    paragraphs,
    statements,
  };
}

export interface VersionSummary {
  language: string;
  official: boolean;
  direction: 'ltr' | 'rtl';
  counts: StatusCounts;
}

/** Every version with its counts ("fr: 47 up to date, 3 need translation"). */
export async function listVersionSummaries(
  ctx: LanguageActContext,
  userId: string,
  input: { resolutionId: string },
): Promise<{ original: string; versions: VersionSummary[] }> {
  const { resolution } = await languageActing(ctx.db, userId, input.resolutionId);
  const [versions, original] = await Promise.all([
    listLanguageVersions(ctx.db, resolution.id),
    originalParagraphs(ctx, resolution.id),
  ]);
  const reservations = await listReservations(ctx.db, resolution.id);
  const summaries: VersionSummary[] = [];
  for (const v of versions) {
    const [wordings, translations] = await Promise.all([
      listParagraphWordings(ctx.db, resolution.id, v.language),
      listReservationTranslations(ctx.db, resolution.id, v.language),
    ]);
    const byId = new Map(translations.map((t) => [t.id, t]));
    const statuses = [
      ...alignVersion(original, wordings),
      ...reservations.map((r) => ({ status: translationStatus(r.text, byId.get(r.id)) })),
    ];
    summaries.push({
      language: v.language,
      official: v.official,
      direction: textDirection(v.language),
      counts: countStatuses(statuses),
    });
  }
  return { original: resolution.language, versions: summaries };
}
