import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { syncDraft } from '@/db/commands/draft-store';
import { amendmentEvents, amendments } from '@/db/schema';
import { readDraftText, writeDraftText } from '@/lib/amendments/draft-text';
import { seedDraftAmendment } from '../helpers/draft-amendment';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * The stored side of a draft co-edited live: what two processes save at once both stays,
 * a wording changed through the API comes back as a correction, and nothing is stored
 * once the amendment is tabled.
 */
for (const kind of testDatabaseKinds()) {
  describe(`draft amendment store on ${kind}`, () => {
    let database: TestDatabase;
    let amendmentId: string;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      amendmentId = await seedDraftAmendment(database.db);
    });
    afterAll(() => database?.close());

    /** A client's copy of the stored draft, as a room in one process would hold it. */
    const copy = async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await syncDraft(database.db, { amendmentId }, { update: null, wantState: true })).state!);
      return doc;
    };
    const edit = (doc: Y.Doc, change: (text: string) => string) => {
      const before = Y.encodeStateVector(doc);
      writeDraftText(doc, change(readDraftText(doc)));
      return Y.encodeStateAsUpdate(doc, before);
    };
    const proposed = async () =>
      (await database.db.select().from(amendments).where(eq(amendments.id, amendmentId)))[0].proposedText;

    it('seeds the shared document once from the wording, so every opener starts from the same items', async () => {
      const [a, b] = [await copy(), await copy()];
      expect(readDraftText(a)).toBe('Urges parliaments to act.');
      // Same items, not two seeds: merging the two copies does not duplicate the text.
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      expect(readDraftText(a)).toBe('Urges parliaments to act.');
    });

    it('keeps both of two edits saved at once from different copies (merged, never overwritten)', async () => {
      const [a, b] = [await copy(), await copy()];
      const fromA = edit(a, (t) => t.replace('Urges', 'Strongly urges'));
      const fromB = edit(b, (t) => t.replace('act.', 'act without delay.'));
      const [ra, rb] = await Promise.all([
        syncDraft(database.db, { amendmentId }, { update: fromA, editors: ['00000000-0000-4000-8000-000000000001'] }),
        syncDraft(database.db, { amendmentId }, { update: fromB }),
      ]);
      expect(ra.stored && rb.stored).toBe(true);
      expect(await proposed()).toBe('Strongly urges parliaments to act without delay.');
      expect(readDraftText(await copy())).toBe('Strongly urges parliaments to act without delay.');
      const history = await database.db
        .select()
        .from(amendmentEvents)
        .where(eq(amendmentEvents.amendmentId, amendmentId));
      expect(history.map((h) => h.action)).toEqual(['edited']);
    });

    it('turns a wording changed elsewhere into a correction for the room', async () => {
      const room = await copy();
      await database.db
        .update(amendments)
        .set({ proposedText: 'Calls upon parliaments to act without delay.' })
        .where(eq(amendments.id, amendmentId));
      const synced = await syncDraft(database.db, { amendmentId }, { update: null });
      expect(synced.correction).not.toBeNull();
      Y.applyUpdate(room, synced.correction!);
      expect(readDraftText(room)).toBe('Calls upon parliaments to act without delay.');
      // An edit made meanwhile in the room still lands on top of it.
      const typed = edit(room, (t) => `${t} (A)`);
      await syncDraft(database.db, { amendmentId }, { update: typed });
      expect(await proposed()).toBe('Calls upon parliaments to act without delay. (A)');
    });

    it('stores nothing once the amendment is tabled', async () => {
      const room = await copy();
      await database.db.update(amendments).set({ status: 'tabled', number: 1 }).where(eq(amendments.id, amendmentId));
      const late = edit(room, (t) => `LATE ${t}`);
      const synced = await syncDraft(database.db, { amendmentId }, { update: late });
      expect(synced.stored).toBe(false);
      expect(await proposed()).toBe('Calls upon parliaments to act without delay. (A)');
    });
  });
}
