import type { Db } from '../../db/client';
import type { Resolution } from '../../db/schema';
import { findCommittee } from '../../db/queries/committees';
import { notFound } from '../../lib/errors';
import { can, type Actor } from '../../lib/permissions';
import { nextStages } from '../../lib/resolution/stages';
import type { Stage } from '../../lib/resolution/types';
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
  const stage = resolution.stage as Stage;
  return {
    committee,
    paragraphs,
    versions,
    delegation,
    youCan: {
      editText: can(actor, 'resolution:edit-text', { stage }),
      /** The stages the viewer may move the resolution to from here (none when they may not). */
      changeStageTo: can(actor, 'resolution:change-stage', { stage }) ? nextStages(stage) : [],
      draftAmendment: can(actor, 'amendment:draft', { stage }),
      saveVersion: can(actor, 'version:create', { stage }),
    },
  };
}
