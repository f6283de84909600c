import * as Y from 'yjs';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { languageVersions, resolutions } from '../schema';
import { listParagraphWordings } from '../queries/languages';
import { storeParagraphWordings } from './language-versions';
import { confirmWording, sameStructure, versionStructure } from '../../lib/languages/alignment';
import type { StoredWording } from '../../lib/languages/types';
import type { Paragraph } from '../../lib/resolution/types';
import { readParagraphs, writeParagraphs } from '../../lib/text/ydoc';
import { updateParagraphs } from '../../lib/text/paragraph-edits';

/**
 * The stored side of a language version edited live (server/collab/language-room.ts): the
 * merged Yjs state in language_versions.state and, equal to its paragraphs' words, the
 * version's wordings in language_paragraphs (what the API, the exports and the statuses
 * read). Everything goes through `syncLanguageRoom`, under the version's row lock, so that:
 * - two processes saving at once both end up in the stored state;
 * - a wording written elsewhere (the API, an import) is folded into the shared document as
 *   an ordinary edit (the `correction`), which the room then sends to everyone editing;
 * - the document keeps the original's structure: paragraphs the original inserted, deleted
 *   or moved are inserted (empty), deleted or moved here too, and a paragraph a client
 *   added or removed is put back — structure comes only from the original;
 * - a paragraph whose words changed is written as translated against the original as it
 *   reads now (up to date until the original changes);
 * - nothing is stored once the version is official and published.
 */
export interface LanguageRoomScope {
  resolutionId: string;
  language: string;
}

export interface LanguageRoomSync {
  stored: boolean;
  state: Uint8Array | null;
  /** What the server changed itself (folded wordings, structure), for everyone editing. */
  correction: Uint8Array | null;
}

const SERVER = Symbol('server correction');

export async function syncLanguageRoom(
  db: Db,
  scope: LanguageRoomScope,
  options: { update: Uint8Array | null; original: readonly Paragraph[]; editorId: string | null; wantState?: boolean },
): Promise<LanguageRoomSync> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ state: languageVersions.state, official: languageVersions.official, adoption: resolutions.adoption })
      .from(languageVersions)
      .innerJoin(resolutions, eq(resolutions.id, languageVersions.resolutionId))
      .where(and(eq(languageVersions.resolutionId, scope.resolutionId), eq(languageVersions.language, scope.language)))
      .for('update', { of: languageVersions });
    if (!row) return { stored: false, state: null, correction: null };
    const published = !!(row.adoption as { publishedAt?: string } | null)?.publishedAt && row.official;
    const wordings = await listParagraphWordings(tx, scope.resolutionId, scope.language);
    const stored = new Map(wordings.map((w) => [w.id, w]));
    const doc = new Y.Doc();
    const corrections: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === SERVER) corrections.push(u);
    });
    try {
      if (row.state) {
        Y.applyUpdate(doc, row.state);
        // Wordings written elsewhere since the last save win over the stored document.
        const inDoc = new Map(readParagraphs(doc).map((p) => [p.id, p.text]));
        const changed = wordings.filter((w) => inDoc.has(w.id) && inDoc.get(w.id) !== w.text);
        if (changed.length) {
          const texts = new Map(readParagraphs(doc).map((p) => [p.id, p.text]));
          for (const w of changed) texts.set(w.id, w.text);
          doc.transact(() => updateParagraphs(doc, versionStructure(options.original, texts)), SERVER);
        }
      } else {
        // First opening: the document starts from the stored wordings, in the original's
        // structure, and is stored before anyone sees it.
        const texts = new Map(wordings.map((w) => [w.id, w.text]));
        writeParagraphs(doc, versionStructure(options.original, texts));
      }
      if (options.update && !published) Y.applyUpdate(doc, options.update);
      const current = readParagraphs(doc);
      if (!sameStructure(current, options.original)) {
        const texts = new Map(current.map((p) => [p.id, p.text]));
        doc.transact(() => updateParagraphs(doc, versionStructure(options.original, texts)), SERVER);
      }
      const state = Y.encodeStateAsUpdate(doc);
      const correction = corrections.length ? Y.mergeUpdates(corrections) : null;
      if (published) return { stored: false, state: options.wantState ? state : null, correction };

      const originalText = new Map(options.original.map((p) => [p.id, p.text]));
      const written: StoredWording[] = readParagraphs(doc)
        .filter((p) => (stored.get(p.id)?.text ?? '') !== p.text)
        .map((p) => confirmWording(p.id, p.text, originalText.get(p.id) ?? ''));
      if (written.length)
        await storeParagraphWordings(
          tx,
          { resolutionId: scope.resolutionId, language: scope.language, actorId: options.editorId },
          written,
        );
      await tx
        .update(languageVersions)
        .set({ state, updatedAt: sql`now()` })
        .where(
          and(eq(languageVersions.resolutionId, scope.resolutionId), eq(languageVersions.language, scope.language)),
        );
      return { stored: true, state: options.wantState ? state : null, correction };
    } finally {
      doc.destroy();
    }
  });
}
