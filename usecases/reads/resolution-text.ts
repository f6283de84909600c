import type * as Y from 'yjs';
import type { Queryable } from '../../db/client';
import type { NumberedParagraph } from '../../lib/resolution/types';
import { textStoreFor } from '../kernel/runtime';
import { readNumberedParagraphs, type TextOrigin } from '../kernel/text-store';

/**
 * The text as people see it, for pages and read endpoints: the live document when the
 * collaboration service holds it, else the stored state (which holds every update ever
 * relayed, since updates are stored before they are relayed).
 */
export function currentState(db: Queryable, resolutionId: string): Promise<Uint8Array> {
  return textStoreFor(db).read(resolutionId);
}

export function currentParagraphs(db: Queryable, resolutionId: string): Promise<NumberedParagraph[]> {
  return readNumberedParagraphs(textStoreFor(db), resolutionId);
}

/** A change outside any use case: tests and fixtures that set a text up. Acts use their context's text store. */
export function changeText(
  db: Queryable,
  resolutionId: string,
  change: (doc: Y.Doc) => void,
  origin: TextOrigin,
): Promise<Uint8Array> {
  return textStoreFor(db).change(resolutionId, change, origin);
}
