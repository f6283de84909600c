import { createBlankResolution } from '../../db/commands/blank-resolution-creator';
import { importResolution } from '../../db/commands/resolution-importer';
import type { Db } from '../../db/client';
import { committeeForUser, findCommittee } from '../../db/queries/committees';
import { badRequest, notFound } from '../../lib/errors';
import type { Actor } from '../kernel/actor';
import { authorize, defineUseCase, type Outcome } from '../kernel/use-case';
import type { Committee, Resolution } from '../../db/schema';
import type { ParseIssue, ParsedResolution } from '../../lib/resolution/types';

export interface CreateResolutionInput {
  committee: string;
  title?: string;
  /** The resolution as plain text (a .docx is read to text by the adapter); absent: a blank draft. */
  text?: string;
  asAdopted?: boolean;
  createDelegations?: boolean;
}

async function creating(db: Db, actor: Actor, committeeRef: string) {
  if (actor.kind === 'operator') {
    const committee = await findCommittee(db, committeeRef);
    if (!committee) throw notFound('committee', `No committee "${committeeRef}".`);
    return { committee, actorId: null };
  }
  const { committee, actor: member } = await committeeForUser(db, actor.userId, committeeRef);
  authorize(member, 'resolution:create', {});
  return { committee, actorId: actor.userId };
}

/**
 * The presiding officers (or the operator) start a resolution: blank, or imported from a
 * text with its preambular and operative paragraphs, numbered and given stable ids.
 */
type Created = {
  committee: Committee;
  resolution: Resolution;
  /** Null for a blank draft. */
  parsed: ParsedResolution | null;
  warnings: ParseIssue[];
};

export const createResolution = defineUseCase(
  'resolution.create',
  async ({ db }, actor, input: CreateResolutionInput): Promise<Outcome<Created>> => {
    const { committee, actorId } = await creating(db, actor, input.committee);
    if (input.text === undefined) {
      if (!actorId)
        throw badRequest('text', 'Give the text to import: a blank draft is started by a committee member.');
      const resolution = await createBlankResolution(db, {
        committeeId: committee.id,
        actorId,
        title: input.title ?? '',
      });
      return { result: { committee, resolution, parsed: null, warnings: [] }, events: [] };
    }
    const { resolution, parsed, warnings } = await importResolution(db, {
      committeeId: committee.id,
      actorId,
      text: input.text,
      title: input.title,
      asAdopted: input.asAdopted,
      createDelegations: input.createDelegations,
    });
    return { result: { committee, resolution, parsed, warnings }, events: [] };
  },
);
