import { and, asc, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../client';
import { resolutions, versions, users, type Resolution } from '../schema';
import { resolutionAccess, type ResolutionAccess } from './access';
import { notFound } from '../../lib/errors';

export async function listResolutions(db: Queryable, committeeId: string): Promise<Resolution[]> {
  return db
    .select()
    .from(resolutions)
    .where(eq(resolutions.committeeId, committeeId))
    .orderBy(desc(resolutions.updatedAt));
}

/** One resolution as one user may see it: a 404 both when absent and when not theirs. */
export async function resolutionForUser(
  db: Queryable,
  userId: string,
  resolutionId: string,
): Promise<{ resolution: Resolution; access: ResolutionAccess }> {
  const access = await resolutionAccess(db, userId, resolutionId);
  if (!access) throw notFound('resolution');
  const [resolution] = await db.select().from(resolutions).where(eq(resolutions.id, resolutionId));
  if (!resolution) throw notFound('resolution');
  return { resolution, access };
}

export async function listVersions(db: Queryable, resolutionId: string) {
  return db
    .select({
      id: versions.id,
      name: versions.name,
      reason: versions.reason,
      createdAt: versions.createdAt,
      createdBy: users.name,
    })
    .from(versions)
    .leftJoin(users, eq(users.id, versions.createdBy))
    .where(eq(versions.resolutionId, resolutionId))
    .orderBy(asc(versions.createdAt));
}

export async function getVersion(db: Queryable, resolutionId: string, versionId: string) {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.resolutionId, resolutionId), eq(versions.id, versionId)));
  if (!row) throw notFound('version');
  return row;
}
