import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { resolutions, type Resolution } from '../schema';
import { recordAuditEvent } from './audit-recorder';
import type { StoredAdoption } from './adoption-declarer';
import { conflict } from '../../lib/errors';
import { renderPublishedText } from '../../lib/publication/plain-text';
import { publishedDocumentOf } from '../queries/publication';

/**
 * The secretariat publishes an adopted resolution: from then on its reservations are final
 * (they are printed as its footnotes). `check` builds the published document first, so a
 * text that cannot be published (a reservation on a paragraph no longer there) is refused
 * before anything is stored.
 */
export async function publishResolution(
  db: Db,
  props: { resolutionId: string; actorId: string; check: (tx: Tx) => Promise<unknown> },
): Promise<Resolution> {
  return db.transaction(async (tx) => {
    const [resolution] = await tx
      .select()
      .from(resolutions)
      .where(eq(resolutions.id, props.resolutionId))
      .for('update');
    if (resolution?.stage !== 'adopted' || !resolution.adoption) {
      throw conflict(
        'stage',
        `Only an adopted resolution is published; this one is at the ${resolution?.stage ?? 'unknown'} stage.`,
      );
    }
    const adoption = resolution.adoption as StoredAdoption;
    if (adoption.publishedAt)
      throw conflict('publication', `The resolution was already published on ${adoption.publishedAt.slice(0, 10)}.`);
    // Inside the transaction, on its connection: PGlite has one, and the lock above holds it.
    await props.check(tx);
    const published: StoredAdoption = {
      ...adoption,
      publishedAt: new Date().toISOString(),
      publishedBy: props.actorId,
    };
    const [row] = await tx
      .update(resolutions)
      .set({ adoption: published, updatedAt: sql`now()` })
      .where(eq(resolutions.id, resolution.id))
      .returning();
    // The published text's hash enters the keyed chain: a copy of the text can later be
    // shown to be (or not to be) the one published (the "text" of GET …/published, or
    // "concord published export": its UTF-8 bytes' SHA-256).
    const text = renderPublishedText(await publishedDocumentOf(tx, row));
    await recordAuditEvent(tx, {
      committeeId: resolution.committeeId,
      resolutionId: resolution.id,
      actorId: props.actorId,
      action: 'resolution.published',
      details: {
        publishedAt: published.publishedAt,
        textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      },
    });
    return row;
  });
}
