import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../client';
import {
  amendmentTranslations,
  languageParagraphs,
  languageVersions,
  reservations,
  reservationTranslations,
  type LanguageVersion,
} from '../schema';
import { notFound } from '../../lib/errors';
import type { StoredWording } from '../../lib/languages/types';

/** A resolution's language versions, in the order they were added. */
export function listLanguageVersions(db: Queryable, resolutionId: string): Promise<LanguageVersion[]> {
  return db
    .select()
    .from(languageVersions)
    .where(eq(languageVersions.resolutionId, resolutionId))
    .orderBy(asc(languageVersions.createdAt), asc(languageVersions.language));
}

export async function getLanguageVersion(
  db: Queryable,
  resolutionId: string,
  language: string,
): Promise<LanguageVersion> {
  const [row] = await db
    .select()
    .from(languageVersions)
    .where(and(eq(languageVersions.resolutionId, resolutionId), eq(languageVersions.language, language)));
  if (!row) throw notFound('language', `This resolution has no "${language}" version; add it first.`);
  return row;
}

/** The version's wordings, by the original's paragraph id. */
export async function listParagraphWordings(
  db: Queryable,
  resolutionId: string,
  language: string,
): Promise<StoredWording[]> {
  const rows = await db
    .select({
      id: languageParagraphs.paragraphId,
      text: languageParagraphs.text,
      confirmedHash: languageParagraphs.confirmedHash,
      confirmedText: languageParagraphs.confirmedText,
    })
    .from(languageParagraphs)
    .where(and(eq(languageParagraphs.resolutionId, resolutionId), eq(languageParagraphs.language, language)));
  return rows;
}

export interface StatementTranslation extends StoredWording {
  /** The delegation's name as the language writes it ('' to use the stored name). */
  delegationName: string;
}

/** Translations of a resolution's statements into one language, by reservation id. */
export async function listReservationTranslations(
  db: Queryable,
  resolutionId: string,
  language: string,
): Promise<StatementTranslation[]> {
  return db
    .select({
      id: reservationTranslations.reservationId,
      text: reservationTranslations.text,
      delegationName: reservationTranslations.delegationName,
      confirmedHash: reservationTranslations.confirmedHash,
      confirmedText: reservationTranslations.confirmedText,
    })
    .from(reservationTranslations)
    .innerJoin(reservations, eq(reservations.id, reservationTranslations.reservationId))
    .where(and(eq(reservations.resolutionId, resolutionId), eq(reservationTranslations.language, language)));
}

/** Translations of the given amendments' proposed text into one language, by amendment id. */
export async function listAmendmentTranslations(
  db: Queryable,
  amendmentIds: readonly string[],
  language: string,
): Promise<StoredWording[]> {
  if (amendmentIds.length === 0) return [];
  return db
    .select({
      id: amendmentTranslations.amendmentId,
      text: amendmentTranslations.proposedText,
      confirmedHash: amendmentTranslations.confirmedHash,
      confirmedText: amendmentTranslations.confirmedText,
    })
    .from(amendmentTranslations)
    .where(
      and(inArray(amendmentTranslations.amendmentId, [...amendmentIds]), eq(amendmentTranslations.language, language)),
    );
}
