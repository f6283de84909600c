import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { resolutionForUser } from '../../db/queries/resolutions';
import { getLanguageVersion } from '../../db/queries/languages';
import type { LanguageVersion, Resolution } from '../../db/schema';
import type { ResolutionAccess } from '../../db/queries/access';
import { conflict, forbidden } from '../../lib/errors';
import { can, type Action, type Actor, type Subject } from '../../lib/permissions';
import { numberParagraphs } from '../../lib/resolution/numbering';
import type { NumberedParagraph } from '../../lib/resolution/types';
import { readParagraphs } from '../../lib/text/ydoc';

/**
 * What the language acts use: the database and the original's text (the live document when
 * the collaboration service holds it, the stored log otherwise), as the use-case kernel's
 * TextStore gives them.
 */
export interface LanguageActContext {
  db: Db;
  text: { read(resolutionId: string): Promise<Uint8Array> };
}

/** An act's result and what pages must hear of it (ids only). */
export interface LanguageOutcome<R> {
  result: R;
  events: { type: string; resolutionId: string; data: Record<string, unknown> }[];
}

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

export async function originalParagraphs(ctx: LanguageActContext, resolutionId: string): Promise<NumberedParagraph[]> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await ctx.text.read(resolutionId));
    return numberParagraphs(readParagraphs(doc));
  } finally {
    doc.destroy();
  }
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

/** Throws 403 unless `can()` allows it (the kernel's authorize() once it is on main). */
export function authorize(actor: Actor, action: Action, subject: Subject, message: string): void {
  if (!can(actor, action, subject)) throw forbidden(action, message);
}
