import type { Db } from '../../db/client';
import type { Resolution } from '../../db/schema';
import { findCommittee } from '../../db/queries/committees';
import { notFound } from '../../lib/errors';
import type { Actor } from '../../lib/permissions';
import { delegationRoster } from './committees';
import { currentParagraphs } from './resolution-text';
import { versionsOf } from './resolutions';

/** The resolution page's read model: its committee, the text as people see it, the saved versions, the viewer's delegation. */
export async function resolutionOverview(db: Db, resolution: Resolution, actor: Actor) {
  const [committee, paragraphs, versions, roster] = await Promise.all([
    findCommittee(db, resolution.committeeId),
    currentParagraphs(db, resolution.id),
    versionsOf(db, resolution, actor),
    delegationRoster(db, resolution.committeeId),
  ]);
  if (!committee) throw notFound('committee');
  const delegation = roster.find((d) => d.id === actor.delegationId) ?? null;
  return { committee, paragraphs, versions, delegation };
}
