import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/db/commands/demo-seeder';
import { loadDocState } from '@/db/queries/doc-state';
import { LiveDocument, type Peer } from '@/server/collab/live-document';
import { createGroupCommitter } from '@/server/collab/group-commit';
import { localRelay } from '@/server/collab/relay';
import { readParagraphs } from '@/lib/text/ydoc';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * An open document nobody changes keeps only its encoded state: it still answers sync
 * steps 1 and 2 exactly as the Y.Doc would, and the first change wakes it with nothing
 * lost, stored before it is sent as always.
 */
for (const kind of testDatabaseKinds()) {
  describe(`a hibernating live document on ${kind}`, () => {
    let database: TestDatabase;
    let resolutionId: string;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      ({ resolutionId } = await seedDemo(database.db));
    });
    afterAll(() => database?.close());

    const errors: string[] = [];
    const open = async (hibernateMs = 0) => {
      const committer = createGroupCommitter(async () => database.db, 2, (e) => errors.push(String(e)));
      const live = new LiveDocument(resolutionId, { committer, relay: localRelay, maybeCompact() {}, onError: (c, e) => errors.push(`${c}: ${e}`), hibernateMs });
      await live.load(database.db);
      return live;
    };
    const peer = (): Peer & { got: Uint8Array[] } => {
      const got: Uint8Array[] = [];
      return { userId: '00000000-0000-4000-8000-000000000001', awarenessIds: new Set(), got, send: (m) => got.push(m) };
    };
    const firstText = (doc: Y.Doc) => readParagraphs(doc)[0].text;
    const typeFirst = (doc: Y.Doc, text: string) => ((doc.getXmlFragment('resolution').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, text);

    it('answers sync from its encoded state exactly as the Y.Doc does, and wakes on a change', async () => {
      const live = await open();
      const client = new Y.Doc();
      Y.applyUpdate(client, live.missingFrom(new Uint8Array([0])));
      const awakeVector = live.stateVector();
      const awakeState = live.encodedState();

      expect(await live.hibernate()).toBe(true);
      expect(live.hibernating).toBe(true);
      expect(live.stateVector()).toEqual(awakeVector);
      // Sync step 2 for a newcomer, and for a client that has everything: same content.
      const newcomer = new Y.Doc();
      Y.applyUpdate(newcomer, live.missingFrom(Y.encodeStateVector(new Y.Doc())));
      expect(readParagraphs(newcomer)).toEqual(readParagraphs(client));
      const nothing = new Y.Doc();
      Y.applyUpdate(nothing, awakeState);
      const before = Y.encodeStateVector(nothing);
      Y.applyUpdate(nothing, live.missingFrom(before));
      expect(Y.encodeStateVector(nothing)).toEqual(before);

      // The client types; the document wakes, stores it, then sends it to the other peer.
      const typist = peer();
      const watcher = peer();
      live.peers.add(typist);
      live.peers.add(watcher);
      const sv = Y.encodeStateVector(client);
      typeFirst(client, 'AWAKE ');
      live.applyFrom(Y.encodeStateAsUpdate(client, sv), typist);
      expect(live.hibernating).toBe(false);
      await live.settled();
      expect(watcher.got.length).toBeGreaterThan(0);
      expect(typist.got).toHaveLength(0);
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await loadDocState(database.db, resolutionId)).update);
      expect(firstText(stored)).toMatch(/^AWAKE /);
      live.destroy();
    });

    it('goes to sleep by itself after the quiet period, not while changes keep coming', async () => {
      const live = await open(150);
      await live.changeText((doc) => typeFirst(doc, 'x'), { userId: null, label: 'test' });
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 60));
        await live.changeText((doc) => typeFirst(doc, 'y'), { userId: null, label: 'test' });
        expect(live.hibernating).toBe(false);
      }
      await new Promise((r) => setTimeout(r, 400));
      expect(live.hibernating).toBe(true);
      expect(firstText(live.doc)).toMatch(/^yyyyyx/);
      expect(errors).toEqual([]);
      live.destroy();
    });
  });
}
