import * as Y from 'yjs';
import type { Queryable } from '../db/client';
import { appendDocUpdates, loadDocState } from '../db/queries/doc-state';
import { readParagraphs } from '../lib/text/ydoc';
import { numberParagraphs } from '../lib/resolution/numbering';
import { getCollabService } from './collab/registry';
import type { TextChangeAuthor } from './collab/types';
import type { NumberedParagraph } from '../lib/resolution/types';

/**
 * The text as people see it: the live document when the collaboration service runs in this
 * process, else the stored state (which holds every update ever relayed, since updates are
 * stored before they are relayed).
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

/**
 * Changes the text outside the editor (an adopted amendment, a correction) as one Yjs
 * transaction: through the live document when it is served here, so every open editor
 * sees it at once; otherwise straight into the stored log, where the next open finds it.
 */
export async function changeText(
  db: Queryable,
  resolutionId: string,
  change: (doc: Y.Doc) => void,
  author: TextChangeAuthor,
): Promise<Uint8Array> {
  const live = getCollabService();
  if (live) return live.changeText(resolutionId, change, author);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, (await loadDocState(db, resolutionId)).update);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(doc), author);
    const update = Y.encodeStateAsUpdate(doc, before);
    if (update.length > 2) await appendDocUpdates(db, [{ resolutionId, update, userId: author.userId }]);
    return update;
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

/**
 * A draft amendment changed outside its live room (wording through the API, tabled,
 * withdrawn, co-sponsors): co-sponsors editing it see the wording and their rights follow.
 */
export function draftChanged(amendmentId: string) {
  void getCollabService()?.draftChanged(amendmentId);
}

/**
 * A language version's wordings changed outside its live room (the API, an import, the
 * CLI): the room `<resolution id>/<language>` folds them in and re-checks its sockets.
 */
export function languageChanged(resolutionId: string, language: string) {
  void getCollabService()?.languageChanged?.(resolutionId, language);
}
