import type { Queryable } from '../client';
import type { LanguageVersion, Resolution } from '../schema';
import { adoptedState, publishedDocumentOf } from './publication';
import { listParagraphWordings, listReservationTranslations } from './languages';
import { listReservations } from './reservations';
import { alignVersion, countStatuses, isComplete, translationStatus } from '../../lib/languages/alignment';
import type { StatusCounts } from '../../lib/languages/types';
import { buildPublishedDocument } from '../../lib/publication/document';
import type { PublishedDocument } from '../../lib/publication/types';
import { numberParagraphs } from '../../lib/resolution/numbering';
import type { NumberedParagraph } from '../../lib/resolution/types';
import { decodeParagraphs } from '../../lib/text/ydoc';

/**
 * The published document in one language version: the adopted text's paragraphs (same ids,
 * kinds and numbers) in the version's words, the heading and footnotes worded by the
 * language's message table, statements in their translated words. What an imported text
 * printed around itself (its English heading and footnotes) is not carried over.
 */
export async function publishedDocumentIn(
  db: Queryable,
  resolution: Resolution,
  version: LanguageVersion,
): Promise<PublishedDocument> {
  const base = await publishedDocumentOf(db, resolution); // checks the stage, as for the original
  const [adopted, wordings, reservations, translations] = await Promise.all([
    adoptedParagraphs(db, resolution.id),
    listParagraphWordings(db, resolution.id, version.language),
    listReservations(db, resolution.id),
    listReservationTranslations(db, resolution.id, version.language),
  ]);
  const words = new Map(wordings.map((w) => [w.id, w.text]));
  const statements = new Map(translations.map((t) => [t.id, t]));
  return buildPublishedDocument({
    language: version.language,
    adoption: { ...base.adoption, body: version.sessionLabel || base.adoption.body },
    title: version.title || resolution.title,
    symbol: resolution.symbol,
    subparagraphNumbering: resolution.subparagraphNumbering,
    enactingFormula: version.enactingFormula || null,
    // A paragraph not yet translated is printed in the original's words, so that OP 8 stays
    // OP 8 in an unfinished version's export; publication refuses an official version so.
    paragraphs: adopted.map((p) => ({
      id: p.id,
      kind: p.kind,
      text: words.get(p.id)?.trim() ? (words.get(p.id) ?? '') : p.text,
    })),
    reservations: reservations.map((r) => ({
      delegationName: statements.get(r.id)?.delegationName || r.delegation,
      kind: r.kind,
      paragraphId: r.paragraphId,
      text: statements.get(r.id)?.text ?? r.text,
    })),
  });
}

async function adoptedParagraphs(db: Queryable, resolutionId: string): Promise<NumberedParagraph[]> {
  return numberParagraphs(decodeParagraphs(await adoptedState(db, resolutionId)));
}

export interface VersionReadiness {
  language: string;
  counts: StatusCounts;
  ready: boolean;
}

/** How far a version is from publishable: the adopted text's paragraphs and the standing statements. */
export async function versionReadiness(
  db: Queryable,
  resolution: Resolution,
  version: LanguageVersion,
): Promise<VersionReadiness> {
  const [adopted, wordings, reservations, translations] = await Promise.all([
    adoptedParagraphs(db, resolution.id),
    listParagraphWordings(db, resolution.id, version.language),
    listReservations(db, resolution.id),
    listReservationTranslations(db, resolution.id, version.language),
  ]);
  const byId = new Map(translations.map((t) => [t.id, t]));
  // Empty original paragraphs are not printed, so they need no translation.
  const printed = adopted.filter((p) => p.text.trim() !== '');
  const counts = countStatuses([
    ...alignVersion(printed, wordings),
    ...reservations.map((r) => ({ status: translationStatus(r.text, byId.get(r.id)) })),
  ]);
  return { language: version.language, counts, ready: isComplete(counts) };
}
