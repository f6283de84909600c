import * as Y from 'yjs';
import type { Queryable } from '../../db/client';
import { appendDocUpdates, loadDocState } from '../../db/queries/doc-state';
import { readParagraphs } from '../../lib/text/ydoc';
import { numberParagraphs } from '../../lib/resolution/numbering';
import type { NumberedParagraph } from '../../lib/resolution/types';

/** Who changed the text outside a socket (an adopted amendment, a restored version). */
export interface TextOrigin {
  userId: string | null;
  /** Shown in the history, e.g. "A/3 adopted". */
  label: string;
}

/**
 * A resolution's text as use cases see it. The collaboration service implements it while
 * it holds the document (a change is stored, then relayed to every open editor); the
 * stored log implements it otherwise (the next open finds the change). Use cases never ask
 * which one they have.
 */
export interface TextStore {
  /** The full current state, as one Yjs update. */
  read(resolutionId: string): Promise<Uint8Array>;
  /** Applies `change` as one Yjs transaction; returns the update it produced. */
  change(resolutionId: string, change: (doc: Y.Doc) => void, origin: TextOrigin): Promise<Uint8Array>;
}

/**
 * The stored log as a TextStore: updates are stored before they are relayed, so the log
 * holds every update anyone has seen.
 */
export function storedTextStore(db: Queryable): TextStore {
  return {
    async read(resolutionId) {
      return (await loadDocState(db, resolutionId)).update;
    },
    async change(resolutionId, change, origin) {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, (await loadDocState(db, resolutionId)).update);
        const before = Y.encodeStateVector(doc);
        doc.transact(() => change(doc), origin);
        const update = Y.encodeStateAsUpdate(doc, before);
        if (update.length > 2) await appendDocUpdates(db, [{ resolutionId, update, userId: origin.userId }]);
        return update;
      } finally {
        doc.destroy();
      }
    },
  };
}

/** The numbered paragraphs of a text, as a reader sees them. */
export async function readNumberedParagraphs(text: TextStore, resolutionId: string): Promise<NumberedParagraph[]> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await text.read(resolutionId));
    return numberParagraphs(readParagraphs(doc));
  } finally {
    doc.destroy();
  }
}
