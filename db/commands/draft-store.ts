import * as Y from 'yjs';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { amendmentDrafts, amendments, resolutions } from '../schema';
import { recordAmendmentAct } from './amendment-history';
import { readDraftText, writeDraftText } from '../../lib/amendments/draft-text';

/**
 * The stored side of a draft amendment edited live (server/collab/draft-room.ts): the
 * merged Yjs state in amendment_drafts and, equal to its text, amendments.proposed_text.
 *
 * Everything goes through `syncDraft`, under the amendment's row lock, so that:
 * - two processes saving at once both end up in the stored state (it is merged, never
 *   overwritten);
 * - a wording changed elsewhere (the API's PATCH, a rewrite, a rebase after an adopted
 *   amendment) is folded into the shared document as an ordinary edit (the `correction`),
 *   which the room then sends to everyone editing;
 * - nothing is stored once the amendment has left the draft stage.
 */
export interface DraftScope {
  amendmentId: string;
}

export interface DraftSync {
  /** False when the amendment is no longer a draft (or is gone): nothing was stored. */
  stored: boolean;
  resolutionId: string | null;
  /** The stored state after the sync (only when asked for). */
  state: Uint8Array | null;
  /** An update bringing the shared document in line with a wording changed elsewhere. */
  correction: Uint8Array | null;
}

export interface DraftSyncOptions {
  /** Edits made in the room since the last sync (merged), or null just to load/reconcile. */
  update: Uint8Array | null;
  /** Users whose live edits this sync records in the amendment's history. */
  editors?: readonly string[];
  wantState?: boolean;
}

export async function syncDraft(db: Db, scope: DraftScope, options: DraftSyncOptions): Promise<DraftSync> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: amendments.status,
        proposedText: amendments.proposedText,
        resolutionId: amendments.resolutionId,
        committeeId: resolutions.committeeId,
      })
      .from(amendments)
      .innerJoin(resolutions, eq(resolutions.id, amendments.resolutionId))
      .where(eq(amendments.id, scope.amendmentId))
      .for('update', { of: amendments });
    if (!row) return { stored: false, resolutionId: null, state: null, correction: null };
    const [stored] = await tx
      .select({ state: amendmentDrafts.state })
      .from(amendmentDrafts)
      .where(eq(amendmentDrafts.amendmentId, scope.amendmentId));

    const doc = new Y.Doc();
    try {
      let correction: Uint8Array | null = null;
      if (stored) {
        Y.applyUpdate(doc, stored.state);
        if (readDraftText(doc) !== row.proposedText) {
          const before = Y.encodeStateVector(doc);
          writeDraftText(doc, row.proposedText);
          correction = Y.encodeStateAsUpdate(doc, before);
        }
      } else {
        // First opening: the shared document starts from the wording as drafted. It is
        // stored before anyone sees it, so every client starts from the same items.
        writeDraftText(doc, row.proposedText);
      }
      if (row.status !== 'draft') {
        const state = options.wantState ? Y.encodeStateAsUpdate(doc) : null;
        return { stored: false, resolutionId: row.resolutionId, state, correction };
      }
      if (options.update) Y.applyUpdate(doc, options.update);
      const text = readDraftText(doc);
      const state = Y.encodeStateAsUpdate(doc);
      if (!stored || options.update || correction) {
        await tx
          .insert(amendmentDrafts)
          .values({ amendmentId: scope.amendmentId, state })
          .onConflictDoUpdate({
            target: amendmentDrafts.amendmentId,
            set: { state: sql`excluded.state`, updatedAt: sql`now()` },
          });
      }
      if (text !== row.proposedText) {
        await tx
          .update(amendments)
          .set({ proposedText: text, updatedAt: sql`now()` })
          .where(eq(amendments.id, scope.amendmentId));
      }
      for (const actorId of options.editors ?? []) {
        await recordAmendmentAct(tx, {
          committeeId: row.committeeId,
          resolutionId: row.resolutionId,
          amendmentId: scope.amendmentId,
          actorId,
          action: 'edited',
          details: { fields: ['proposedText'], live: true },
        });
      }
      return { stored: true, resolutionId: row.resolutionId, state: options.wantState ? state : null, correction };
    } finally {
      doc.destroy();
    }
  });
}
