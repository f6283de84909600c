import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { isUuid, resolutionAccess } from '../../db/queries/access';
import { languageVersions, resolutions } from '../../db/schema';
import { isLanguageCode } from '../../lib/languages/codes';
import { languageCollabAccess } from '../../lib/permissions';

/**
 * Who may do what in a language version's room, `/collab/<resolution id>/<language>`: the
 * secretariat and translators write (at any stage but withdrawn: translation goes on after
 * adoption), everyone else in the committee reads, nobody else learns it exists. An
 * official version is read-only once published.
 */
export function languageRoomFromPath(
  pathname: string,
): { kind: 'language'; resolutionId: string; language: string } | null {
  const m = /^\/collab\/([0-9a-fA-F-]{36})\/([a-z]{2,3}(?:-[A-Z]{2})?)\/?$/.exec(pathname);
  if (!m || !isUuid(m[1]) || !isLanguageCode(m[2])) return null;
  return { kind: 'language', resolutionId: m[1], language: m[2] };
}

export async function languageRoomAccess(
  db: Queryable,
  userId: string,
  resolutionId: string,
  language: string,
): Promise<'write' | 'read' | 'none'> {
  const access = await resolutionAccess(db, userId, resolutionId);
  if (!access) return 'none';
  const [version] = await db
    .select({ official: languageVersions.official, adoption: resolutions.adoption })
    .from(languageVersions)
    .innerJoin(resolutions, eq(resolutions.id, languageVersions.resolutionId))
    .where(and(eq(languageVersions.resolutionId, resolutionId), eq(languageVersions.language, language)));
  if (!version) return 'none';
  const decided = languageCollabAccess(access.actor, access.stage);
  const published = version.official && !!(version.adoption as { publishedAt?: string } | null)?.publishedAt;
  return decided === 'write' && published ? 'read' : decided;
}
