import { and, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../client';
import {
  amendmentTranslations,
  languageParagraphs,
  languageVersions,
  reservationTranslations,
  type LanguageVersion,
} from '../schema';
import { recordAuditEvent } from './audit-recorder';
import { conflict } from '../../lib/errors';
import type { StoredWording } from '../../lib/languages/types';

/**
 * The stored side of language versions: each write is one transaction, and the acts that
 * change what is published (adding a version, marking it official) are in the audit log.
 * Wordings are written with the original's text they were confirmed against
 * (lib/languages/alignment.ts confirmWording), which the caller reads from the live text.
 */

export interface LanguageScope {
  committeeId: string;
  resolutionId: string;
  language: string;
  actorId: string;
}

export interface VersionFrame {
  official?: boolean;
  title?: string;
  sessionLabel?: string;
  enactingFormula?: string;
}

export async function addLanguageVersion(db: Db, scope: LanguageScope, frame: VersionFrame): Promise<LanguageVersion> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(languageVersions)
      .values({
        resolutionId: scope.resolutionId,
        language: scope.language,
        official: frame.official ?? false,
        title: frame.title ?? '',
        sessionLabel: frame.sessionLabel ?? '',
        enactingFormula: frame.enactingFormula ?? '',
        createdBy: scope.actorId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('language', `This resolution already has a "${scope.language}" version.`);
    await recordAuditEvent(tx, {
      committeeId: scope.committeeId,
      resolutionId: scope.resolutionId,
      actorId: scope.actorId,
      action: 'language.added',
      details: { language: scope.language, official: row.official },
    });
    return row;
  });
}

export async function updateLanguageVersion(
  db: Db,
  scope: LanguageScope,
  frame: VersionFrame,
): Promise<LanguageVersion> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(languageVersions)
      .set({ ...frame, updatedAt: sql`now()` })
      .where(and(eq(languageVersions.resolutionId, scope.resolutionId), eq(languageVersions.language, scope.language)))
      .returning();
    if (!row) throw conflict('language', `This resolution has no "${scope.language}" version.`);
    if (frame.official !== undefined) {
      await recordAuditEvent(tx, {
        committeeId: scope.committeeId,
        resolutionId: scope.resolutionId,
        actorId: scope.actorId,
        action: 'language.official_changed',
        details: { language: scope.language, official: frame.official },
      });
    }
    return row;
  });
}

/** Writes (or confirms) paragraph wordings of one version, in one transaction. */
export async function storeParagraphWordings(
  db: Queryable,
  scope: { resolutionId: string; language: string; actorId: string | null },
  wordings: readonly StoredWording[],
): Promise<void> {
  if (wordings.length === 0) return;
  await db
    .insert(languageParagraphs)
    .values(
      wordings.map((w) => ({
        resolutionId: scope.resolutionId,
        language: scope.language,
        paragraphId: w.id,
        text: w.text,
        confirmedHash: w.confirmedHash,
        confirmedText: w.confirmedText,
        updatedBy: scope.actorId,
      })),
    )
    .onConflictDoUpdate({
      target: [languageParagraphs.resolutionId, languageParagraphs.language, languageParagraphs.paragraphId],
      set: {
        text: sql`excluded.text`,
        confirmedHash: sql`excluded.confirmed_hash`,
        confirmedText: sql`excluded.confirmed_text`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`now()`,
      },
    });
}

export async function storeReservationTranslation(
  db: Queryable,
  props: { reservationId: string; language: string; actorId: string; delegationName: string } & Omit<
    StoredWording,
    'id'
  >,
): Promise<void> {
  const values = {
    text: props.text,
    delegationName: props.delegationName,
    confirmedHash: props.confirmedHash,
    confirmedText: props.confirmedText,
    updatedBy: props.actorId,
  };
  await db
    .insert(reservationTranslations)
    .values({ reservationId: props.reservationId, language: props.language, ...values })
    .onConflictDoUpdate({
      target: [reservationTranslations.reservationId, reservationTranslations.language],
      set: { ...values, updatedAt: sql`now()` },
    });
}

export async function storeAmendmentTranslation(
  db: Queryable,
  props: { amendmentId: string; language: string; actorId: string } & Omit<StoredWording, 'id'>,
): Promise<void> {
  const values = {
    proposedText: props.text,
    confirmedHash: props.confirmedHash,
    confirmedText: props.confirmedText,
    updatedBy: props.actorId,
  };
  await db
    .insert(amendmentTranslations)
    .values({ amendmentId: props.amendmentId, language: props.language, ...values })
    .onConflictDoUpdate({
      target: [amendmentTranslations.amendmentId, amendmentTranslations.language],
      set: { ...values, updatedAt: sql`now()` },
    });
}
