import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { amendments } from '@/db/schema';
import { DraftRoom } from '@/server/collab/draft-room';
import { localRelay } from '@/server/collab/relay';
import type { Peer } from '@/server/collab/live-document';
import { DRAFT_FIELD, readDraftText } from '@/lib/amendments/draft-text';
import { seedDraftAmendment } from '../helpers/draft-amendment';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/database';

/**
 * A draft room whose database goes away for a moment: the co-sponsor's edit is neither
 * lost nor sent to the others before it is stored; it is stored once the database is back.
 */
for (const kind of testDatabaseKinds()) {
  describe(`a draft room when saving fails, on ${kind}`, () => {
    let database: TestDatabase;
    let amendmentId: string;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
      amendmentId = await seedDraftAmendment(database.db);
    });
    afterAll(() => database?.close());

    it('keeps the edit, sends nothing until it is stored, and stores it when the database returns', async () => {
      let failing = 0;
      const errors: string[] = [];
      const room = new DraftRoom(amendmentId, {
        getDb: async () => {
          if (failing > 0) {
            failing--;
            throw new Error('database unreachable');
          }
          return database.db;
        },
        relay: localRelay,
        onError: (context) => errors.push(context),
        onNoLongerDraft: () => {},
      });
      await room.load();
      const peer = (userId: string): Peer & { got: Uint8Array[] } => {
        const got: Uint8Array[] = [];
        return { userId, awarenessIds: new Set(), got, send: (m) => got.push(m) };
      };
      const typist = peer('00000000-0000-4000-8000-000000000001');
      const other = peer('00000000-0000-4000-8000-000000000002');
      room.peers.add(typist);
      room.peers.add(other);

      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
      const before = Y.encodeStateVector(client);
      ((client.getXmlFragment(DRAFT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Strongly ');
      failing = 3;
      room.applyFrom(Y.encodeStateAsUpdate(client, before), typist);
      await new Promise((r) => setTimeout(r, 60));
      expect(other.got).toHaveLength(0);
      const stored = async () =>
        (await database.db.select().from(amendments).where(eq(amendments.id, amendmentId)))[0].proposedText;
      expect(await stored()).toBe('Urges parliaments to act.');

      for (let i = 0; i < 100 && (await stored()) !== 'Strongly Urges parliaments to act.'; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await stored()).toBe('Strongly Urges parliaments to act.');
      await room.settled();
      expect(other.got.length).toBeGreaterThan(0);
      expect(errors.length).toBe(3);
      expect(readDraftText(room.doc)).toBe('Strongly Urges parliaments to act.');
      room.destroy();
    });

    it('times the relay of every edit it stores together as one', async () => {
      const { register } = await import('prom-client');
      const { updateArrived } = await import('@/server/observability/collab-metrics');
      const relayCount = async () =>
        Number(/^concord_collab_relay_seconds_count (\d+)$/m.exec(await register.metrics())?.[1] ?? 0);
      const room = new DraftRoom(amendmentId, {
        getDb: async () => database.db,
        relay: localRelay,
        onError: () => {},
        onNoLongerDraft: () => {},
      });
      await room.load();
      const typist: Peer = { userId: '00000000-0000-4000-8000-000000000001', awarenessIds: new Set(), send: () => {} };
      const other: Peer & { got: Uint8Array[] } = {
        userId: '00000000-0000-4000-8000-000000000002',
        awarenessIds: new Set(),
        got: [],
        send(m) {
          this.got.push(m);
        },
      };
      room.peers.add(typist);
      room.peers.add(other);
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
      const text = (client.getXmlFragment(DRAFT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      const before = await relayCount();
      // Three keystrokes in one turn: stored as one batch, merged into one update.
      for (const word of ['Also ', 'very ', 'much ']) {
        const sv = Y.encodeStateVector(client);
        text.insert(0, word);
        const update = Y.encodeStateAsUpdate(client, sv);
        updateArrived(update, performance.now());
        room.applyFrom(update, typist);
      }
      await room.settled();
      expect(other.got).toHaveLength(1);
      expect(await relayCount()).toBe(before + 3);
      room.destroy();
    });
  });
}
