import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { api, connect, sleep, waitFor, type TestClient } from './clients';
import { startCollabFixture, type CollabFixture } from './server';
import { DRAFT_FIELD, readDraftText } from '@/lib/amendments/draft-text';

/**
 * A draft amendment co-edited live by its sponsor and co-sponsors: room
 * "amendment/<id>" on the same endpoint, stock y-websocket clients, the wording stored
 * before it is relayed and kept equal to the amendment's proposed text.
 */
let f: CollabFixture;
const clients: TestClient[] = [];
const open = (room: string, auth: Parameters<typeof connect>[2]) => {
  const c = connect(f.server.port, room, auth);
  clients.push(c);
  return c;
};

interface Amendment {
  id: string;
  status: string;
  proposedText: string;
  history: { action: string; actor: string }[];
}

let delegation: Record<string, string>;
let op8: { id: string; text: string };
/** What each draft proposes at first (a modify amendment must change something). */
let start: string;

beforeAll(async () => {
  f = await startCollabFixture({ CONCORD_COLLAB_IDLE_UNLOAD_MS: '300' }, [
    'chair',
    'iran',
    'thailand',
    'canada',
    'observer',
    'democracy',
  ]);
  const { delegations } = await api<{ delegations: { id: string; name: string }[] }>(
    f.server.url,
    f.tokens.chair,
    '/committees/peace-security/delegations',
  );
  delegation = Object.fromEntries(delegations.map((d) => [d.name, d.id]));
  const { paragraphs } = await api<{ paragraphs: { id: string; label: string; text: string }[] }>(
    f.server.url,
    f.tokens.iran,
    `/resolutions/${f.resolutionId}/text`,
  );
  op8 = paragraphs.find((p) => p.label === 'OP 8')!;
  start = `${op8.text} DRAFT`;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await f?.server.stop();
});

const draft = (coSponsors: string[]) =>
  api<{ id: string }>(f.server.url, f.tokens.iran, `/resolutions/${f.resolutionId}/amendments`, {
    method: 'POST',
    body: {
      kind: 'modify',
      targetParagraphId: op8.id,
      proposedText: start,
      coSponsorDelegationIds: coSponsors.map((n) => delegation[n]),
    },
  });
const stored = (id: string, token = f.tokens.iran) => api<Amendment>(f.server.url, token, `/amendments/${id}`);

/** Types into the draft's one paragraph, as the editor's binding does. */
function typeInDraft(doc: Y.Doc, index: number, text: string) {
  const paragraph = doc.getXmlFragment(DRAFT_FIELD).get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(index, text);
}

describe('co-editing a draft amendment', () => {
  it('sponsor and co-sponsor edit the same wording live; it is stored as the proposed text', async () => {
    const { id } = await draft(['Thailand']);
    const iran = open(`amendment/${id}`, { token: f.tokens.iran });
    const thailand = open(`amendment/${id}`, { cookie: f.cookies.thailand });
    await waitFor(() => iran.provider.synced && thailand.provider.synced, 10_000, 'sync');
    expect(iran.accessNotices).toEqual(['write']);
    expect(thailand.accessNotices).toEqual(['write']);
    // Both start from the wording as drafted: no duplicated seed.
    expect(readDraftText(iran.doc)).toBe(start);
    expect(readDraftText(thailand.doc)).toBe(start);

    typeInDraft(iran.doc, 0, 'IRAN ');
    typeInDraft(thailand.doc, readDraftText(thailand.doc).length, ' THAILAND');
    await waitFor(
      () =>
        readDraftText(iran.doc) === readDraftText(thailand.doc) &&
        readDraftText(iran.doc).includes('THAILAND') &&
        readDraftText(iran.doc).includes('IRAN'),
      10_000,
      'convergence',
    );
    const expected = `IRAN ${start} THAILAND`;
    expect(readDraftText(iran.doc)).toBe(expected);
    expect((await stored(id)).proposedText).toBe(expected);
    // The co-sponsor's live edit is in the amendment's own history.
    const history = (await stored(id)).history;
    expect(history.filter((h) => h.action === 'edited').length).toBeGreaterThanOrEqual(2);

    // After everyone leaves and the room is unloaded, a newcomer gets exactly that.
    iran.provider.disconnect();
    thailand.provider.disconnect();
    await sleep(800);
    const again = open(`amendment/${id}`, { token: f.tokens.thailand });
    await waitFor(() => again.provider.synced, 10_000, 'sync after unload');
    expect(readDraftText(again.doc)).toBe(expected);
    // And the old client, reconnecting with its own copy, merges without duplicating.
    iran.provider.connect();
    await waitFor(() => iran.provider.synced, 10_000, 'reconnect');
    await sleep(200);
    expect(readDraftText(iran.doc)).toBe(expected);
    expect(readDraftText(again.doc)).toBe(expected);
  });

  it('others may not write: the chair reads, a non-sponsor delegation, an observer and an outsider are refused', async () => {
    const { id } = await draft(['Thailand']);
    const chair = open(`amendment/${id}`, { token: f.tokens.chair });
    await waitFor(() => chair.provider.synced, 10_000, 'chair sync');
    expect(chair.accessNotices).toEqual(['read']);
    for (const who of ['canada', 'observer', 'democracy']) {
      const c = open(`amendment/${id}`, { token: f.tokens[who] });
      await waitFor(() => c.closeCodes.length > 0, 10_000, `${who} refused`);
      expect(c.closeCodes[0], who).toBe(4404);
      expect(c.provider.synced).toBe(false);
      c.provider.disconnect();
    }
    // The chair's edit is never applied, relayed or stored.
    const iran = open(`amendment/${id}`, { token: f.tokens.iran });
    await waitFor(() => iran.provider.synced, 10_000, 'iran sync');
    typeInDraft(chair.doc, 0, 'CHAIR ');
    typeInDraft(iran.doc, 0, 'SPONSOR ');
    await waitFor(() => readDraftText(chair.doc).includes('SPONSOR'), 10_000, 'sponsor edit reaches the chair');
    await sleep(300);
    expect(readDraftText(iran.doc)).not.toContain('CHAIR');
    expect((await stored(id)).proposedText).toBe(`SPONSOR ${start}`);
    chair.provider.disconnect();
    iran.provider.disconnect();
  });

  it('a co-sponsor invited while the room is open may connect; wording changed through the API reaches the room', async () => {
    const { id } = await draft([]);
    const iran = open(`amendment/${id}`, { token: f.tokens.iran });
    await waitFor(() => iran.provider.synced, 10_000, 'sync');
    await api(f.server.url, f.tokens.iran, `/amendments/${id}/cosponsors`, {
      method: 'POST',
      body: { delegationId: delegation.Canada },
    });
    const canada = open(`amendment/${id}`, { token: f.tokens.canada });
    await waitFor(() => canada.provider.synced, 10_000, 'co-sponsor sync');
    expect(canada.accessNotices).toEqual(['write']);

    await api(f.server.url, f.tokens.iran, `/amendments/${id}`, {
      method: 'PATCH',
      body: { proposedText: 'Calls upon all parliaments to act.' },
    });
    await waitFor(
      () =>
        readDraftText(canada.doc) === 'Calls upon all parliaments to act.' &&
        readDraftText(iran.doc) === 'Calls upon all parliaments to act.',
      5000,
      'API wording in the room',
    );
    typeInDraft(canada.doc, 'Calls upon all parliaments'.length, ' urgently');
    await waitFor(
      () => readDraftText(iran.doc) === 'Calls upon all parliaments urgently to act.',
      5000,
      'edit after the API change',
    );
    expect((await stored(id)).proposedText).toBe('Calls upon all parliaments urgently to act.');
    iran.provider.disconnect();
    canada.provider.disconnect();
  });

  it('tabling closes the wording to edits within 2 s, on every socket; later updates are dropped', async () => {
    await api(f.server.url, f.tokens.chair, `/resolutions/${f.resolutionId}/stage`, {
      method: 'POST',
      body: { to: 'amendments' },
    });
    const { id } = await draft(['Thailand']);
    const iran = open(`amendment/${id}`, { token: f.tokens.iran });
    const thailand = open(`amendment/${id}`, { token: f.tokens.thailand });
    await waitFor(() => iran.provider.synced && thailand.provider.synced, 10_000, 'sync');
    typeInDraft(thailand.doc, 0, 'Firmly ');
    await waitFor(() => readDraftText(iran.doc).startsWith('Firmly '), 5000, 'edit before tabling');
    const started = Date.now();
    await api(f.server.url, f.tokens.iran, `/amendments/${id}/table`, { method: 'POST' });
    await waitFor(
      () => iran.accessNotices.at(-1) === 'read' && thailand.accessNotices.at(-1) === 'read',
      2000,
      'read-only after tabling',
    );
    expect(Date.now() - started).toBeLessThan(2000);
    typeInDraft(thailand.doc, 0, 'LATE ');
    await sleep(400);
    expect(readDraftText(iran.doc)).not.toContain('LATE');
    const tabled = await stored(id);
    expect(tabled.status).toBe('tabled');
    expect(tabled.proposedText).toBe(`Firmly ${start}`);
    iran.provider.disconnect();
    thailand.provider.disconnect();
  });

  it('refuses an update that would take the wording past 20,000 characters, and keeps what was stored', async () => {
    const { id } = await draft(['Thailand']);
    const iran = open(`amendment/${id}`, { token: f.tokens.iran });
    const thailand = open(`amendment/${id}`, { token: f.tokens.thailand });
    await waitFor(() => iran.provider.synced && thailand.provider.synced, 10_000, 'sync');
    typeInDraft(iran.doc, 0, 'x'.repeat(20_001));
    await waitFor(() => iran.closeCodes.includes(4400), 5000, 'refusal');
    await sleep(200);
    expect(readDraftText(thailand.doc)).toBe(start);
    expect((await stored(id)).proposedText).toBe(start);
    iran.provider.disconnect();
    thailand.provider.disconnect();
  });
});
