import type { Db } from '../../db/client';
import { resolutionForUser } from '../../db/queries/resolutions';
import { getLanguageVersion } from '../../db/queries/languages';
import type { LanguageVersion, Resolution } from '../../db/schema';
import type { ResolutionAccess } from '../../db/queries/access';
import { conflict } from '../../lib/errors';
import type { NumberedParagraph } from '../../lib/resolution/types';
import { readNumberedParagraphs } from '../kernel/text-store';
import { authorize, type UseCaseContext } from '../kernel/use-case';

/** What the language acts and reads use: the kernel's context (database and text store). */
export type LanguageActContext = UseCaseContext;

export interface LanguageActing {
  resolution: Resolution;
  access: ResolutionAccess;
}

/** The resolution as the user may see it (404 otherwise), and its language version when named. */
export async function languageActing(db: Db, userId: string, resolutionId: string): Promise<LanguageActing> {
  return resolutionForUser(db, userId, resolutionId);
}

export async function versionOf(db: Db, resolution: Resolution, language: string): Promise<LanguageVersion> {
  if (language === resolution.language) {
    throw conflict(
      'language',
      `"${language}" is this resolution's original language: its text is edited as the resolution itself.`,
    );
  }
  return getLanguageVersion(db, resolution.id, language);
}

export function originalParagraphs(ctx: LanguageActContext, resolutionId: string): Promise<NumberedParagraph[]> {
  return readNumberedParagraphs(ctx.text, resolutionId);
}

/** An official version is the record once published: it no longer changes. */
export function refuseIfPublishedOfficial(resolution: Resolution, version: LanguageVersion): void {
  const publishedAt = (resolution.adoption as { publishedAt?: string } | null)?.publishedAt;
  if (publishedAt && version.official) {
    throw conflict(
      'publication',
      `The "${version.language}" version was published with the resolution on ${publishedAt.slice(0, 10)}; it no longer changes.`,
    );
  }
}

/**
 * A version a translator or the secretariat may write in: the resolution as the user sees it
 * (404), `language:edit` (403), a version other than the original (409) not yet published as
 * official (409), and the original's paragraphs it is aligned with.
 */
export async function writableVersion(
  ctx: LanguageActContext,
  userId: string,
  resolutionId: string,
  language: string,
): Promise<LanguageActing & { version: LanguageVersion; original: NumberedParagraph[] }> {
  const { resolution, access } = await languageActing(ctx.db, userId, resolutionId);
  authorize(
    access.actor,
    'language:edit',
    { stage: access.stage },
    'The secretariat and translators edit language versions.',
  );
  const version = await versionOf(ctx.db, resolution, language);
  refuseIfPublishedOfficial(resolution, version);
  return { resolution, access, version, original: await originalParagraphs(ctx, resolution.id) };
}
