import * as Y from 'yjs';
import type { Queryable } from '../db/client';
import { loadDocState } from '../db/queries/doc-state';
import { readParagraphs } from '../lib/text/ydoc';
import { numberParagraphs } from '../lib/resolution/numbering';
import { getCollabService } from './collab/index';
import type { NumberedParagraph } from '../lib/resolution/types';

/**
 * The text as people see it: the live document when it is open in the collaboration
 * service, else the stored state (which holds every update ever relayed, since updates
 * are stored before they are relayed).
 */
export async function currentState(db: Queryable, resolutionId: string): Promise<Uint8Array> {
  const live = getCollabService();
  if (live) return live.readState(resolutionId);
  return (await loadDocState(db, resolutionId)).update;
}

export async function currentParagraphs(db: Queryable, resolutionId: string): Promise<NumberedParagraph[]> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await currentState(db, resolutionId));
    return numberParagraphs(readParagraphs(doc));
  } finally {
    doc.destroy();
  }
}

/** After a role or stage change: sockets that lost rights are closed or made read-only. */
export function accessChanged(target: { resolutionId?: string; userId?: string }) {
  const live = getCollabService();
  if (!live) return;
  if (target.resolutionId) void live.reauthorize(target.resolutionId);
  if (target.userId) void live.reauthorizeUser(target.userId);
}
