import { saveVersion as storeVersion } from '../../db/commands/version-saver';
import { recordAuditEvent } from '../../db/commands/audit-recorder';
import { getVersion } from '../../db/queries/resolutions';
import { updateParagraphs } from '../../lib/text/paragraph-edits';
import { decodeParagraphs } from '../../lib/text/ydoc';
import { resolutionActing } from '../amendments/access';
import { authorize, defineUseCase } from '../kernel/use-case';

/** Anyone who takes part keeps the text as it stands under a name ("Before the lunch break"). */
export const saveVersion = defineUseCase(
  'version.save',
  async ({ db, text }, actor, input: { resolutionId: string; name: string }) => {
    const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    authorize(access.actor, 'version:create', { stage: access.stage });
    const saved = await storeVersion(db, {
      resolutionId: resolution.id,
      name: input.name,
      state: await text.read(resolution.id),
      actorId: userId,
    });
    return {
      result: saved,
      events: [{ type: 'version.saved', resolutionId: resolution.id, data: { versionId: saved.id } }],
    };
  },
);

/**
 * Recovery: the chair or the secretariat makes a saved version the current text again, so
 * a vandalised draft is one act from its last good state. It is one new change through the
 * text store — open editors see it live, nothing of the history is lost (the text before
 * is itself kept as a version first) — and it is recorded in the audit chain.
 */
export const restoreVersion = defineUseCase(
  'version.restore',
  async ({ db, text }, actor, input: { resolutionId: string; versionId: string }) => {
    const { userId, resolution, access } = await resolutionActing(db, actor, input.resolutionId);
    authorize(
      access.actor,
      'version:restore',
      { stage: access.stage },
      'Only the chair or the secretariat restores a version of an open resolution.',
    );
    const version = await getVersion(db, resolution.id, input.versionId);
    const target = decodeParagraphs(version.state);
    const before = await storeVersion(db, {
      resolutionId: resolution.id,
      name: `Before restoring “${version.name}”`,
      state: await text.read(resolution.id),
      actorId: userId,
      reason: 'restore',
    });
    const update = await text.change(resolution.id, (doc) => updateParagraphs(doc, target), {
      userId,
      label: `Restored “${version.name}”`,
    });
    await db.transaction((tx) =>
      recordAuditEvent(tx, {
        committeeId: resolution.committeeId,
        resolutionId: resolution.id,
        actorId: userId,
        action: 'version.restored',
        details: { versionId: version.id, name: version.name, savedBefore: before.id },
      }),
    );
    return {
      result: { versionId: version.id, name: version.name, savedBefore: before.id, changed: update.length > 2 },
      events: [
        { type: 'version.restored', resolutionId: resolution.id, data: { versionId: version.id, name: version.name } },
      ],
    };
  },
);
