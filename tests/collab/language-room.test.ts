import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { api, connect, sleep, typeAt, waitFor, type TestClient } from './clients';
import { startCollabFixture, type CollabFixture } from './server';

/**
 * A language version translated live: room "<resolution id>/<language>" on the same
 * endpoint, stock y-websocket clients (disableBc). The secretariat and translators write
 * there; a translator reads the original and cannot write it; structure comes only from the
 * original, and a change of it there reaches the version's room at once.
 */
let f: CollabFixture;
const clients: TestClient[] = [];
const open = (room: string, auth: Parameters<typeof connect>[2]) => {
  const c = connect(f.server.port, room, auth);
  clients.push(c);
  return c;
};

interface Para {
  id: string;
  label: string;
  kind: string;
  text: string;
  translationStatus?: string;
}
let original: Para[];

const elements = (doc: Y.Doc) =>
  doc
    .getXmlFragment(TEXT_FIELD)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
const ids = (doc: Y.Doc) => elements(doc).map((e) => String(e.getAttribute('id')));
const textOf = (doc: Y.Doc, id: string) => {
  const el = elements(doc).find((e) => e.getAttribute('id') === id);
  return el
    ? el
        .toArray()
        .map((t) => (t instanceof Y.XmlText ? t.toString() : ''))
        .join('')
    : null;
};
const french = () =>
  api<{ paragraphs: Para[] }>(f.server.url, f.tokens.observer, `/resolutions/${f.resolutionId}/text?lang=fr`);

beforeAll(async () => {
  f = await startCollabFixture({ CONCORD_COLLAB_IDLE_UNLOAD_MS: '300' }, [
    'chair',
    'secretariat',
    'translator',
    'iran',
    'observer',
    'democracy',
  ]);
  await api(f.server.url, f.tokens.chair, `/resolutions/${f.resolutionId}/languages`, {
    method: 'POST',
    body: { language: 'fr', official: true },
  });
  ({ paragraphs: original } = await api<{ paragraphs: Para[] }>(
    f.server.url,
    f.tokens.observer,
    `/resolutions/${f.resolutionId}/text`,
  ));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await f?.server.stop();
});

describe('translating a language version live', () => {
  it('a translator and the secretariat write the version together; it is stored and its statuses follow', async () => {
    const room = `${f.resolutionId}/fr`;
    const translator = open(room, { token: f.tokens.translator });
    const secretariat = open(room, { cookie: f.cookies.secretariat });
    await waitFor(() => translator.provider.synced && secretariat.provider.synced, 10_000, 'sync');
    expect(translator.accessNotices).toEqual(['write']);
    expect(secretariat.accessNotices).toEqual(['write']);
    // The original's paragraphs, kinds and ids, every one empty.
    expect(ids(translator.doc)).toEqual(original.map((p) => p.id));
    expect(elements(translator.doc).map((e) => e.nodeName)).toEqual(original.map((p) => p.kind));

    const op8 = original.findIndex((p) => p.label === 'OP 8');
    const pp1 = original.findIndex((p) => p.label === 'PP 1');
    typeAt(translator.doc, op8, 'Encourage les parlements');
    typeAt(secretariat.doc, pp1, 'Consciente de');
    await waitFor(
      () =>
        textOf(secretariat.doc, original[op8].id) === 'Encourage les parlements' &&
        textOf(translator.doc, original[pp1].id) === 'Consciente de',
      10_000,
      'convergence',
    );
    let stored: Para[] = [];
    for (let i = 0; i < 100; i++) {
      stored = (await french()).paragraphs;
      if (stored[op8].text && stored[pp1].text) break;
      await sleep(50);
    }
    expect(stored[op8]).toMatchObject({ text: 'Encourage les parlements', translationStatus: 'up_to_date' });
    expect(stored[pp1]).toMatchObject({ text: 'Consciente de', translationStatus: 'up_to_date' });

    // A wording written through the API reaches those editing.
    const op9 = original.find((p) => p.label === 'OP 9')!;
    await api(f.server.url, f.tokens.translator, `/resolutions/${f.resolutionId}/languages/fr/paragraphs/${op9.id}`, {
      method: 'PUT',
      body: { text: 'Invite les parlements' },
    });
    await waitFor(() => textOf(translator.doc, op9.id) === 'Invite les parlements', 10_000, 'API wording in the room');

    // After everyone leaves and the room is unloaded, a newcomer gets exactly that.
    translator.provider.disconnect();
    secretariat.provider.disconnect();
    await sleep(800);
    const again = open(room, { token: f.tokens.observer });
    await waitFor(() => again.provider.synced, 10_000, 'sync after unload');
    expect(again.accessNotices).toEqual(['read']);
    expect(textOf(again.doc, original[op8].id)).toBe('Encourage les parlements');
    expect(textOf(again.doc, op9.id)).toBe('Invite les parlements');
    expect(ids(again.doc)).toEqual(original.map((p) => p.id));
  });

  it('a translator reads the original and cannot write it; members and observers read the version; outsiders are refused', async () => {
    const onOriginal = open(f.resolutionId, { token: f.tokens.translator });
    await waitFor(() => onOriginal.provider.synced, 10_000, 'translator on the original');
    expect(onOriginal.accessNotices).toEqual(['read']);
    typeAt(onOriginal.doc, 0, 'TRANSLATOR WAS HERE ');
    await sleep(500);
    const { paragraphs } = await api<{ paragraphs: Para[] }>(
      f.server.url,
      f.tokens.observer,
      `/resolutions/${f.resolutionId}/text`,
    );
    expect(paragraphs[0].text).toBe(original[0].text);

    const iran = open(`${f.resolutionId}/fr`, { token: f.tokens.iran });
    await waitFor(() => iran.provider.synced, 10_000, 'member sync');
    expect(iran.accessNotices).toEqual(['read']);
    const outsider = open(`${f.resolutionId}/fr`, { token: f.tokens.democracy });
    await waitFor(() => outsider.closeCodes.length > 0, 10_000, 'outsider refused');
    expect(outsider.closeCodes[0]).toBe(4404);
    const noVersion = open(`${f.resolutionId}/es`, { token: f.tokens.translator });
    await waitFor(() => noVersion.closeCodes.length > 0, 10_000, 'unknown language refused');
    expect(noVersion.closeCodes[0]).toBe(4404);
  });

  it('structure comes only from the original: its new paragraph appears in the version at once, one added there is undone', async () => {
    const translator = open(`${f.resolutionId}/fr`, { token: f.tokens.translator });
    const secretariat = open(f.resolutionId, { cookie: f.cookies.secretariat });
    await waitFor(() => translator.provider.synced && secretariat.provider.synced, 10_000, 'sync');
    expect(secretariat.accessNotices).toEqual(['write']);

    // The secretariat inserts an operative paragraph after OP 8 in the original (drafting).
    const op8 = original.findIndex((p) => p.label === 'OP 8');
    secretariat.doc.transact(() => {
      const el = new Y.XmlElement('operative');
      el.setAttribute('id', 'p-inserted-in-original');
      el.insert(0, [new Y.XmlText('Decides to remain seized of the matter;')]);
      secretariat.doc.getXmlFragment(TEXT_FIELD).insert(op8 + 1, [el]);
    });
    await waitFor(() => ids(translator.doc).includes('p-inserted-in-original'), 10_000, 'structure propagated');
    expect(ids(translator.doc).indexOf('p-inserted-in-original')).toBe(op8 + 1);
    expect(textOf(translator.doc, 'p-inserted-in-original')).toBe('');
    const fr = (await french()).paragraphs;
    expect(fr[op8 + 1]).toMatchObject({ id: 'p-inserted-in-original', label: 'OP 9', translationStatus: 'missing' });

    // A translator adding a paragraph of their own to the version sees it undone.
    translator.doc.transact(() => {
      const el = new Y.XmlElement('operative');
      el.setAttribute('id', 'p-invented-by-translator');
      el.insert(0, [new Y.XmlText('Paragraphe inventé')]);
      translator.doc.getXmlFragment(TEXT_FIELD).insert(0, [el]);
    });
    await waitFor(() => !ids(translator.doc).includes('p-invented-by-translator'), 10_000, 'structure restored');
    expect(ids(translator.doc)).toEqual(ids(secretariat.doc));
  });
});
