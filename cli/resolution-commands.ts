import { findUserByEmail } from '../db/queries/access';
import { STAGES, type Stage } from '../lib/resolution/types';
import { notFound } from '../lib/errors';
import * as resolutions from '../usecases/resolutions';
import { userActor } from '../usecases/kernel/actor';
import { execute } from '../usecases/kernel/use-case';
import { isUuid, oneOf, asFlag } from './args';
import type { CliCommand, CliIo } from './io';

/**
 * Acts on a resolution as a whole, performed as a named committee member (--as) through
 * the same use cases as the API: moving it to another stage, restoring a saved version.
 */

async function actorNamed(io: CliIo, email: string) {
  const user = await findUserByEmail(io.db, email);
  if (!user) throw notFound('user', `No user with the e-mail ${email.toLowerCase()}.`);
  return userActor(user.id);
}

export const resolutionCommands: CliCommand[] = [
  {
    spec: {
      name: 'resolution stage',
      summary: 'Moves a resolution to another stage (chair or secretariat).',
      positionals: [{ name: 'resolution id', description: 'as printed by "concord resolution list"', check: isUuid }],
      flags: {
        to: {
          kind: 'option',
          required: true,
          placeholder: STAGES.join('|'),
          description: 'the new stage',
          check: oneOf(STAGES),
        },
        as: asFlag,
      },
    },
    async run(args, io) {
      const actor = await actorNamed(io, args.options.as);
      const changed = await execute(
        resolutions.changeStage,
        { db: io.db, actor },
        {
          resolutionId: args.positionals[0],
          to: args.options.to as Stage,
        },
      );
      io.out(`"${changed.title}" is now at the ${changed.stage} stage.`);
    },
  },
  {
    spec: {
      name: 'version restore',
      summary:
        'Makes a saved version the current text again (chair or secretariat): one change open editors see, the text before kept as a version.',
      positionals: [{ name: 'version id', description: 'as listed on the versions page or by the API', check: isUuid }],
      flags: {
        resolution: {
          kind: 'option',
          required: true,
          placeholder: 'resolution id',
          description: 'the resolution',
          check: isUuid,
        },
        as: asFlag,
      },
    },
    async run(args, io) {
      const actor = await actorNamed(io, args.options.as);
      const restored = await execute(
        resolutions.restoreVersion,
        { db: io.db, actor },
        {
          resolutionId: args.options.resolution,
          versionId: args.positionals[0],
        },
      );
      io.out(
        restored.changed
          ? `Restored "${restored.name}"; the text before is kept as a version (${restored.savedBefore}).`
          : `The text already reads as "${restored.name}"; nothing changed.`,
      );
    },
  },
];
