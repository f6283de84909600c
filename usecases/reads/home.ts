import type { Db } from '../../db/client';
import type { StoredAdoption } from '../../db/commands/adoption-declarer';
import { listCommitteesForUser } from '../../db/queries/committees';
import { listResolutions } from '../../db/queries/resolutions';
import { STAGES, type Stage } from '../../lib/resolution/types';

/** The home page's read model: each of the user's committees with its resolutions by stage. */
export async function committeesWithResolutions(db: Db, userId: string) {
  const committees = await listCommitteesForUser(db, userId);
  return Promise.all(
    committees.map(async (c) => {
      const resolutions = await listResolutions(db, c.committee.id);
      const byStage = STAGES.map((stage) => ({
        stage,
        resolutions: resolutions
          .filter((r) => r.stage === stage)
          .map((r) => ({
            id: r.id,
            title: r.title,
            published: !!(r.adoption as StoredAdoption | null)?.publishedAt,
          })),
      })).filter((s) => s.resolutions.length > 0);
      return { ...c, byStage: byStage as { stage: Stage; resolutions: (typeof byStage)[number]['resolutions'] }[] };
    }),
  );
}
