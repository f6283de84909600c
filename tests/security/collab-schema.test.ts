import path from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { openDatabase } from '@/db/client';
import { appendDocUpdates } from '@/db/queries/doc-state';
import { connect, paragraphsOf, typeAt, waitFor, type TestClient } from '../collab/clients';
import { startCollabFixture, type CollabFixture } from '../collab/server';

/**
 * Issue 11.1, "the document is the schema", as an attacker with a member's token tries it:
 * each update outside what the editor can make is refused (4400, logged with its reason),
 * never stored or relayed, while the others keep editing; and a document that an older
 * server stored with such content is repaired when loaded, so no page or API answers 500.
 */
let f: CollabFixture;
let writer: TestClient;
let watcher: TestClient;
const MAX_DOCUMENT_BYTES = 300_000;

beforeAll(async () => {
  f = await startCollabFixture({ CONCORD_COLLAB_MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES) }, [
    'iran',
    'thailand',
    'canada',
  ]);
  writer = connect(f.server.port, f.resolutionId, { token: f.tokens.iran });
  watcher = connect(f.server.port, f.resolutionId, { token: f.tokens.thailand });
  await waitFor(() => writer.provider.synced && watcher.provider.synced, 15_000, 'sync');
});
afterAll(async () => {
  writer?.destroy();
  watcher?.destroy();
  await f?.server.stop();
});

/** The attacker: a member's token on a raw socket, sending one update as a client would. */
async function sendAsMember(update: Uint8Array): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${f.server.port}/collab/${f.resolutionId}?token=${f.tokens.canada}`);
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // sync
  encoding.writeVarUint(e, 2); // update
  encoding.writeVarUint8Array(e, update);
  ws.send(encoding.toUint8Array(e));
  return closed;
}

/** An update made on a copy of the current text, as the attacker's own client would make it. */
function madeOnCopy(change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

const get = (p: string) =>
  fetch(`${f.server.url}/api/v1${p}`, { headers: { authorization: `Bearer ${f.tokens.thailand}` } });

let tag = 0;
/** The others keep editing: an edit made after the attack reaches the watcher. */
async function stillEditing() {
  const mark = `AFTER-${++tag}`;
  typeAt(writer.doc, 1, `${mark} `);
  await waitFor(() => paragraphsOf(watcher.doc).join().includes(mark), 15_000, `${mark} to arrive`);
}

const logged = (reason: RegExp) => waitFor(() => reason.test(f.server.output()), 10_000, `log line ${reason}`);

describe('updates outside the schema are refused, logged, neither stored nor relayed', () => {
  it('content in a root the editor does not use (getText("hidden"), 200 KB)', async () => {
    const update = madeOnCopy((d) => d.getText('hidden').insert(0, 'x'.repeat(200_000)));
    expect(await sendAsMember(update)).toBe(4400);
    await logged(/outside the resolution text \(in root \\"hidden\\"\)/);
    await stillEditing();
    expect(watcher.doc.share.has('hidden')).toBe(false);
  });

  it('the same from a stock y-websocket client: refused, and the client stops reconnecting (4400 is final)', async () => {
    const attacker = connect(f.server.port, f.resolutionId, { token: f.tokens.canada });
    try {
      await waitFor(() => attacker.provider.synced, 15_000, 'attacker sync');
      attacker.doc.getMap('settings').set('owner', 'canada');
      await waitFor(() => attacker.closeCodes.includes(4400), 15_000, 'the refusal');
      expect(attacker.provider.shouldConnect).toBe(false);
    } finally {
      attacker.destroy();
    }
    await stillEditing();
    expect(watcher.doc.share.has('settings')).toBe(false);
  });

  it('3,000 nested elements', async () => {
    const update = madeOnCopy((d) => {
      let parent = new Y.XmlElement('operative');
      d.getXmlFragment(TEXT_FIELD).push([parent]);
      for (let i = 0; i < 3000; i++) {
        const child = new Y.XmlElement('operative');
        parent.insert(0, [child]);
        parent = child;
      }
    });
    expect(await sendAsMember(update)).toBe(4400);
    // On a busy machine the guard's time bound may refuse it first: refused either way.
    await logged(/element <operative> inside a paragraph|took longer than \d+ ms/);
    await stillEditing();
    expect((await get(`/resolutions/${f.resolutionId}/text`)).status).toBe(200);
  });

  it('an unknown node, attribute or formatting mark', async () => {
    const cases: [(d: Y.Doc) => void, RegExp][] = [
      [(d) => d.getXmlFragment(TEXT_FIELD).push([new Y.XmlElement('iframe')]), /element <iframe> where a paragraph/],
      [
        (d) => (d.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).setAttribute('style', 'x'),
        /attribute \\"style\\"/,
      ],
      [
        (d) => ((d.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 5, { link: {} }),
        /unknown formatting mark \\"link\\"/,
      ],
    ];
    for (const [change, reason] of cases) {
      expect(await sendAsMember(madeOnCopy(change))).toBe(4400);
      await logged(reason);
    }
    await stillEditing();
  });

  it('a paragraph over 20,000 characters', async () => {
    const update = madeOnCopy((d) =>
      ((d.getXmlFragment(TEXT_FIELD).get(2) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'y'.repeat(20_001)),
    );
    expect(await sendAsMember(update)).toBe(4400);
    await logged(/paragraph of \d+ characters \(the limit is 20000\)/);
    await stillEditing();
    expect(paragraphsOf(watcher.doc).join().includes('yyyy')).toBe(false);
  });

  it('an update whose missing dependencies leave more than a small bound waiting', async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc));
    const text = (doc.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'never sent ');
    const sent = Y.encodeStateVector(doc);
    text.insert(2, 'depends on it '.repeat(10_000));
    expect(await sendAsMember(Y.encodeStateAsUpdate(doc, sent))).toBe(4400);
    await logged(/dependencies the document does not have/);
    await stillEditing();
  });

  it('a document past its size bound (CONCORD_COLLAB_MAX_DOCUMENT_BYTES)', async () => {
    // Each paragraph within bounds; together more than the document may hold.
    const update = madeOnCopy((d) => {
      for (let i = 0; i < 20; i++) {
        const p = new Y.XmlElement('operative');
        p.setAttribute('id', `bulk-${i}`);
        p.insert(0, [new Y.XmlText(`${i} ${'z'.repeat(19_000)}`)]);
        d.getXmlFragment(TEXT_FIELD).push([p]);
      }
    });
    expect(update.byteLength).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    expect(await sendAsMember(update)).toBe(4400);
    await logged(/the document would reach \d+ bytes; the limit is 300000/);
    await stillEditing();
  });

  it('nothing of it was stored: after a restart a new client gets only the text', async () => {
    writer.provider.disconnect();
    watcher.provider.disconnect();
    await f.restart();
    const fresh = connect(f.server.port, f.resolutionId, { token: f.tokens.thailand });
    try {
      await waitFor(() => fresh.provider.synced, 15_000, 'sync after restart');
      expect([...fresh.doc.share.keys()]).toEqual([TEXT_FIELD]);
      const text = paragraphsOf(fresh.doc).join('\n');
      expect(text).not.toMatch(/yyyy|zzzz|never sent/);
      expect(text).toContain('AFTER-');
    } finally {
      fresh.destroy();
    }
  }, 120_000);
});

describe('a document stored out of shape by an older server', () => {
  it('is repaired when loaded: every renderer answers, the text is kept, the foreign root is emptied', async () => {
    const id = f.resolutionId;
    await f.server.stop();
    // What an older server let through, written straight into the stored log.
    const database = await openDatabase({ dataDir: path.join(f.server.dataDir, 'pglite') });
    try {
      const { loadDocState } = await import('@/db/queries/doc-state');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await loadDocState(database.db, id)).update);
      const before = Y.encodeStateVector(doc);
      doc.getText('hidden').insert(0, 'h'.repeat(100_000));
      let parent = new Y.XmlElement('operative');
      parent.setAttribute('id', 'nested-attack');
      doc.getXmlFragment(TEXT_FIELD).push([parent]);
      for (let i = 0; i < 3000; i++) {
        const child = new Y.XmlElement('operative');
        parent.insert(0, [child]);
        parent = child;
      }
      parent.insert(0, [new Y.XmlText('text at the bottom')]);
      const first = (doc.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      first.format(0, 4, { comment: { id: 'c1' } });
      await appendDocUpdates(database.db, [{ resolutionId: id, update: Y.encodeStateAsUpdate(doc, before) }]);
    } finally {
      await database.close();
    }
    await f.restart();
    // Every renderer reads it in bounded depth, repaired or not.
    const text = await get(`/resolutions/${id}/text`);
    expect(text.status).toBe(200);
    for (const p of [
      `/resolutions/${id}/export?format=text`,
      `/resolutions/${id}/amendments`,
      `/resolutions/${id}/reservations`,
    ])
      expect((await get(p)).status, p).toBe(200);
    const page = await fetch(`${f.server.url}/resolutions/${id}`, { headers: { cookie: f.cookies.thailand } });
    expect(page.status).toBe(200);

    // A browser opening it now gets the repaired text: nothing in the foreign root, the
    // first paragraph's text kept without the unknown mark (the editor would have deleted it).
    const fresh = connect(f.server.port, id, { token: f.tokens.thailand });
    try {
      await waitFor(() => fresh.provider.synced, 15_000, 'sync after repair');
      await logged(/held content outside its schema: repaired/);
      expect(fresh.doc.getText('hidden').length).toBe(0);
      const first = (fresh.doc.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      const delta = first.toDelta() as { insert: string; attributes?: object }[];
      expect(delta.every((op) => !op.attributes || !('comment' in op.attributes))).toBe(true);
      expect(delta.map((op) => op.insert).join('').length).toBeGreaterThan(4);
      expect(paragraphsOf(fresh.doc).join('\n')).toContain('operative:text at the bottom');
      // The text buried 3,000 levels down is now a paragraph of its own, in the API too.
      expect(await (await get(`/resolutions/${id}/text`)).text()).toContain('text at the bottom');
    } finally {
      fresh.destroy();
    }
  }, 120_000);
});
