import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { appendDocUpdates, countLogTail, loadDocState } from '@/db/queries/doc-state';
import { compactDocument } from '@/db/commands/doc-compactor';
import { seedDemo } from '@/db/commands/demo-seeder';
import { docSnapshots } from '@/db/schema';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * The update log folds into a snapshot without losing an update, also while updates keep
 * arriving and when two processes compact at the same time; opening reads snapshot + tail.
 */
for (const kind of testDatabaseKinds()) {
  describe(`compaction on ${kind}`, () => {
    let database: TestDatabase;
    let resolutionId: string;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      ({ resolutionId } = await seedDemo(database.db));
    });
    afterAll(() => database?.close());

    it('keeps every update while appends and two compactions race', async () => {
      const writer = new Y.Doc();
      Y.applyUpdate(writer, (await loadDocState(database.db, resolutionId)).update);
      const text = writer.getText('scratch');
      const append = async (n: number, tag: string) => {
        for (let i = 0; i < n; i++) {
          const before = Y.encodeStateVector(writer);
          text.insert(text.length, `${tag}${i};`);
          await appendDocUpdates(database.db, [{ resolutionId, update: Y.encodeStateAsUpdate(writer, before) }]);
        }
      };
      await append(300, 'a');
      await Promise.all([
        append(200, 'b'),
        compactDocument(database.db, resolutionId),
        compactDocument(database.db, resolutionId),
      ]);
      await compactDocument(database.db, resolutionId);

      const loaded = await loadDocState(database.db, resolutionId);
      expect(loaded.tailLength).toBe(0);
      expect(await countLogTail(database.db, resolutionId)).toBe(0);
      const reader = new Y.Doc();
      Y.applyUpdate(reader, loaded.update);
      expect(reader.getText('scratch').toString()).toBe(text.toString());
      expect(reader.getText('scratch').toString()).toContain('b199;');
      const [snapshot] = await database.db
        .select()
        .from(docSnapshots)
        .where(eq(docSnapshots.resolutionId, resolutionId));
      expect(snapshot.upToSeq).toBeGreaterThan(0);
    });
  });
}
