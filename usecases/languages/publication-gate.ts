import type { Tx } from '../../db/client';
import { recordAuditEvent } from '../../db/commands/audit-recorder';
import { listLanguageVersions } from '../../db/queries/languages';
import { publishedDocumentIn, versionReadiness } from '../../db/queries/publication-languages';
import type { Resolution } from '../../db/schema';
import type { Actor } from '../../lib/permissions';
import { can } from '../../lib/permissions';
import { DomainError, forbidden } from '../../lib/errors';
import { describeCounts } from '../../lib/languages/alignment';

/**
 * Publication waits for every official language version to be complete and up to date,
 * unless the chair overrides: the override, and what was not ready, go in the audit log.
 * Runs inside the publishing transaction (publishResolution's `check`), so a version
 * changed meanwhile cannot slip through, and each official version is built once to be
 * sure it can be published at all.
 */
export async function checkOfficialVersions(
  tx: Tx,
  resolution: Resolution,
  who: { actor: Actor; override: boolean },
): Promise<void> {
  const official = (await listLanguageVersions(tx, resolution.id)).filter((v) => v.official);
  const notReady = [];
  for (const version of official) {
    const readiness = await versionReadiness(tx, resolution, version);
    if (!readiness.ready) notReady.push(readiness);
    await publishedDocumentIn(tx, resolution, version);
  }
  if (notReady.length === 0) return;
  const summary = notReady.map((r) => describeCounts(r.language, r.counts)).join('; ');
  if (!who.override) {
    throw new DomainError(
      'conflict:languages',
      `Every official language version must be complete and up to date before publication (${summary}). The chair may publish anyway with overrideLanguages.`,
    );
  }
  if (!can(who.actor, 'language:override'))
    throw forbidden('language:override', 'Only the chair may publish while an official version is not ready.');
  await recordAuditEvent(tx, {
    committeeId: resolution.committeeId,
    resolutionId: resolution.id,
    actorId: who.actor.userId,
    action: 'publication.languages_overridden',
    details: { notReady: notReady.map((r) => ({ language: r.language, ...r.counts })) },
  });
}
