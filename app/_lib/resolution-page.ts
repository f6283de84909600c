import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { resolutionForUser } from '@/usecases/reads/resolutions';
import { DomainError } from '@/lib/errors';
import { currentUser } from './current-user';

/**
 * The start of every page of one resolution: the signed-in user (sent to sign in, back to
 * `path`, when there is none), and the resolution with their access to it — or the 404 page,
 * the same for an unknown id and for a committee the user has no role in.
 */
export async function openResolutionPage(id: string, path: string) {
  const user = await currentUser(path);
  const db = await getDb();
  const found = await resolutionForUser(db, user.id, id).catch((e) => {
    if (e instanceof DomainError && e.kind === 'not_found') return null;
    throw e;
  });
  if (!found) notFound();
  return { user, db, ...found };
}
