import type { Db } from '../client';
import { resolutions, committees } from '../schema';
import { eq } from 'drizzle-orm';
import { appendDocUpdates } from '../queries/doc-state';
import { recordAuditEvent } from './audit-recorder';
import { encodeParagraphs } from '../../lib/text/ydoc';
import { newParagraphId } from '../../lib/resolution/ids';
import { notFound } from '../../lib/errors';

/** A new draft with one empty preambular and one empty operative paragraph to type into. */
export async function createBlankResolution(db: Db, props: { committeeId: string; actorId: string; title: string }) {
  const [committee] = await db.select().from(committees).where(eq(committees.id, props.committeeId));
  if (!committee) throw notFound('committee');
  const state = encodeParagraphs([
    { id: newParagraphId(), kind: 'preambular', text: '' },
    { id: newParagraphId(), kind: 'operative', text: '' },
  ]);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(resolutions)
      .values({
        committeeId: committee.id,
        title: props.title,
        sessionLabel: committee.sessionLabel,
        place: committee.place,
        createdBy: props.actorId,
      })
      .returning();
    await appendDocUpdates(tx, [{ resolutionId: row.id, update: state, userId: props.actorId }]);
    await recordAuditEvent(tx, {
      committeeId: committee.id,
      resolutionId: row.id,
      actorId: props.actorId,
      action: 'resolution.created',
      details: { title: row.title },
    });
    return row;
  });
}
