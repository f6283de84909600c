import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/db/commands/demo-seeder';
import { countLogTail, loadDocState } from '@/db/queries/doc-state';
import { LiveDocument, type Peer } from '@/server/collab/live-document';
import { createGroupCommitter } from '@/server/collab/group-commit';
import { localRelay } from '@/server/collab/relay';
import { readParagraphs } from '@/lib/text/ydoc';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * The live document keeps the text encoded (no Y.Doc between changes): it answers sync as
 * a Y.Doc would, stores a change before anyone receives it, takes nothing twice, changes
 * the text for the API, and still repairs duplicated paragraph ids.
 */
for (const kind of testDatabaseKinds()) {
  describe(`the live document on ${kind}`, () => {
    let database: TestDatabase;
    let resolutionId: string;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      ({ resolutionId } = await seedDemo(database.db));
    });
    afterAll(() => database?.close());

    const errors: string[] = [];
    const open = async () => {
      const committer = createGroupCommitter(
        async () => database.db,
        2,
        (e) => errors.push(String(e)),
      );
      const live = new LiveDocument(resolutionId, {
        committer,
        relay: localRelay,
        maybeCompact() {},
        onError: (c, e) => errors.push(`${c}: ${e}`),
      });
      await live.load(database.db);
      return live;
    };
    const peer = (): Peer & { got: Uint8Array[] } => {
      const got: Uint8Array[] = [];
      return { userId: '00000000-0000-4000-8000-000000000001', awarenessIds: new Set(), got, send: (m) => got.push(m) };
    };
    /** A client as the editor holds it, synced from the live document. */
    const clientOf = (live: LiveDocument) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, live.missingFrom(Y.encodeStateVector(doc)));
      return doc;
    };
    const storedDoc = async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await loadDocState(database.db, resolutionId)).update);
      return doc;
    };
    const paragraphs = (doc: Y.Doc) => doc.getXmlFragment(TEXT_FIELD);
    const typeFirst = (doc: Y.Doc, text: string) =>
      ((paragraphs(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, text);
    /** The update a sync message (type 0, step 2) carries. */
    const updateIn = (message: Uint8Array) => {
      const d = decoding.createDecoder(message);
      expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 2]);
      return decoding.readVarUint8Array(d);
    };
    const edit = (doc: Y.Doc, change: () => void) => {
      const sv = Y.encodeStateVector(doc);
      change();
      return Y.encodeStateAsUpdate(doc, sv);
    };

    it('answers sync as the stored document, and stores a change before anyone receives it', async () => {
      const live = await open();
      const stored = await storedDoc();
      const client = clientOf(live);
      expect(readParagraphs(client)).toEqual(readParagraphs(stored));
      expect(live.stateVector()).toEqual(Y.encodeStateVector(stored));

      const typist = peer();
      const watcher = peer();
      live.peers.add(typist);
      live.peers.add(watcher);
      live.applyFrom(
        edit(client, () => typeFirst(client, 'LIVE ')),
        typist,
      );
      // Not yet stored, so not yet sent.
      expect(watcher.got).toHaveLength(0);
      await live.settled();
      expect(watcher.got.length).toBeGreaterThan(0);
      expect(typist.got).toHaveLength(0);
      expect(readParagraphs(await storedDoc())[0].text).toMatch(/^LIVE /);
      // A client that was behind catches up with what it lacks.
      const behind = new Y.Doc();
      Y.applyUpdate(behind, Y.encodeStateAsUpdate(stored));
      Y.applyUpdate(behind, live.missingFrom(Y.encodeStateVector(behind)));
      expect(readParagraphs(behind)).toEqual(readParagraphs(client));
      live.destroy();
    });

    it('takes nothing twice: a repeated update or a reconnect’s sync step 2 is neither stored nor sent', async () => {
      const live = await open();
      const client = clientOf(live);
      const typist = peer();
      const watcher = peer();
      live.peers.add(typist);
      live.peers.add(watcher);
      const erased = edit(client, () => ((paragraphs(client).get(1) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 4));
      live.applyFrom(erased, typist);
      await live.settled();
      const rows = await countLogTail(database.db, resolutionId);
      const sent = watcher.got.length;

      live.applyFrom(erased, typist);
      // What y-websocket sends after a reconnect: nothing new, and the whole delete set.
      const syncStep2 = Y.encodeStateAsUpdate(client, live.stateVector());
      expect(Y.decodeUpdate(syncStep2).ds.clients.size).toBeGreaterThan(0);
      live.applyFrom(syncStep2, typist);
      await live.settled();
      expect(await countLogTail(database.db, resolutionId)).toBe(rows);
      expect(watcher.got).toHaveLength(sent);
      live.destroy();
    });

    it('changes the text for the API on a Y.Doc of the moment, stored and sent like a client’s change', async () => {
      const live = await open();
      const watcher = peer();
      live.peers.add(watcher);
      const update = await live.changeText((doc) => typeFirst(doc, 'API '), { userId: null, label: 'test' });
      expect(update.byteLength).toBeGreaterThan(2);
      await live.settled();
      expect(watcher.got.length).toBeGreaterThan(0);
      expect(readParagraphs(await storedDoc())[0].text).toMatch(/^API /);
      const rows = await countLogTail(database.db, resolutionId);
      expect(await live.changeText(() => {}, { userId: null, label: 'nothing' })).toEqual(new Uint8Array([0, 0]));
      expect(await countLogTail(database.db, resolutionId)).toBe(rows);
      expect(errors).toEqual([]);
      live.destroy();
    });

    it('writes a broadcast to many peers a slice at a time: every peer gets every message once, in order', async () => {
      const committer = createGroupCommitter(
        async () => database.db,
        2,
        (e) => errors.push(String(e)),
      );
      const live = new LiveDocument(resolutionId, {
        committer,
        relay: localRelay,
        maybeCompact() {},
        onError: (c, e) => errors.push(`${c}: ${e}`),
        broadcastSlice: 3,
      });
      await live.load(database.db);
      const client = clientOf(live);
      const before = Y.encodeStateAsUpdate(client);
      const typist = peer();
      const watchers = Array.from({ length: 8 }, peer);
      live.peers.add(typist);
      for (const w of watchers) live.peers.add(w);
      const words = ['one ', 'two ', 'three ', 'four '];
      let sliced = false;
      for (const word of words) {
        live.applyFrom(
          edit(client, () => typeFirst(client, word)),
          typist,
        );
        await live.settled();
        // The first slice is written at once, the other peers on the next turns of the loop.
        if (watchers.some((w) => w.got.length < watchers[0].got.length)) sliced = true;
      }
      expect(sliced).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      expect(typist.got).toHaveLength(0);
      for (const w of watchers) {
        expect(w.got).toEqual(watchers[0].got);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, before);
        for (const m of w.got) Y.applyUpdate(doc, updateIn(m));
        expect(readParagraphs(doc)[0].text).toMatch(/^four three two one /);
      }
      expect(watchers[0].got).toHaveLength(words.length);
      live.destroy();
    });

    it('repairs a paragraph id a client duplicated, and stores the repair', async () => {
      const live = await open();
      const client = clientOf(live);
      const typist = peer();
      live.peers.add(typist);
      const firstId = (paragraphs(client).get(0) as Y.XmlElement).getAttribute('id');
      // An editor that split a paragraph and copied its id.
      live.applyFrom(
        edit(client, () => {
          const copy = new Y.XmlElement('operative');
          copy.setAttribute('id', firstId!);
          copy.insert(0, [new Y.XmlText('A copy')]);
          paragraphs(client).insert(1, [copy]);
        }),
        typist,
      );
      await new Promise((r) => setTimeout(r, 400));
      await live.settled();
      const ids = readParagraphs(await storedDoc()).map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids[0]).toBe(firstId);
      // The typist receives the repair too.
      for (const m of typist.got) Y.applyUpdate(client, updateIn(m));
      expect(readParagraphs(client).map((p) => p.id)).toEqual(ids);
      expect(errors).toEqual([]);
      live.destroy();
    });
  });
}
