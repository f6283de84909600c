import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createUpdateGuard } from '@/server/collab/update-guard';
import { UpdateRefused } from '@/server/collab/refusal';
import { draftShape, resolutionShape } from '@/lib/collab/document-shape';
import { encodeParagraphs, decodeParagraphs } from '@/lib/text/ydoc';
import { TEXT_FIELD } from '@/lib/editor/schema';
import { DRAFT_FIELD } from '@/lib/amendments/draft-text';

/**
 * The update guard against the document's shape, without a server: each update an attacker
 * could send (issue 11.1) is refused with its reason, what the editor sends is taken, and a
 * document an older server stored out of shape is repaired when opened.
 */
const limits = { maxParagraphChars: 200 };
const guard = createUpdateGuard({
  timeMs: 2000,
  memoryMb: 256,
  shapes: { resolution: resolutionShape(limits), draft: draftShape(limits) },
});
afterAll(() => guard.close());

const start = encodeParagraphs([
  { id: 'pp1', kind: 'preambular', text: 'Recalling its resolutions,' },
  { id: 'op1', kind: 'operative', text: 'Decides to remain seized of the matter.' },
]);

let rooms = 0;
/** A room opened on the guard and a client's copy of the same document. */
async function opened(state = start, shape = 'resolution') {
  const room = `room-${++rooms}`;
  const server = new Y.Doc();
  Y.applyUpdate(server, state);
  const verdict = await guard.open(room, shape, () => Y.encodeStateAsUpdate(server));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  /** What the client's change produced, as it would send it. */
  const change = (f: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    client.transact(() => f(client));
    return Y.encodeStateAsUpdate(client, before);
  };
  /** Another client of the same room (a refused update stays in its sender's copy). */
  const other = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return (f: (doc: Y.Doc) => void) => {
      const before = Y.encodeStateVector(doc);
      doc.transact(() => f(doc));
      return Y.encodeStateAsUpdate(doc, before);
    };
  };
  return { room, verdict, client, change, other };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof UpdateRefused ? e.message : `other error: ${e}`),
  );

const paragraph = (doc: Y.Doc, i: number) => doc.getXmlFragment(TEXT_FIELD).get(i) as Y.XmlElement;
const textOf = (doc: Y.Doc, i: number) => paragraph(doc, i).get(0) as Y.XmlText;

describe('what the editor sends is taken', () => {
  it('typing, formatting, a new paragraph of each kind, an id', async () => {
    const { room, change } = await opened();
    await guard.check(
      change((d) => textOf(d, 1).insert(0, 'Strongly ')),
      room,
    );
    await guard.check(
      change((d) => textOf(d, 1).format(0, 8, { bold: {} })),
      room,
    );
    await guard.check(
      change((d) => textOf(d, 1).format(0, 8, { bold: null, italic: {} })),
      room,
    );
    for (const kind of ['preambular', 'operative', 'subparagraph', 'subsubparagraph']) {
      const update = change((d) => {
        const p = new Y.XmlElement(kind);
        p.setAttribute('id', `new-${kind}`);
        p.insert(0, [new Y.XmlText('(a) text')]);
        d.getXmlFragment(TEXT_FIELD).push([p]);
      });
      await guard.check(update, room);
    }
    await guard.check(
      change((d) => d.getXmlFragment(TEXT_FIELD).delete(0, 1)),
      room,
    );
  });
});

describe('what the editor never sends is refused, with its reason', () => {
  it('content in another root', async () => {
    const { room, change, other } = await opened();
    expect(
      await refusal(
        guard.check(
          change((d) => d.getText('hidden').insert(0, 'x'.repeat(1000))),
          room,
        ),
      ),
    ).toMatch(/outside the resolution text \(in root "hidden"\)/);
    expect(
      await refusal(
        guard.check(
          other()((d) => d.getMap('meta').set('k', 1)),
          room,
        ),
      ),
    ).toMatch(/root "meta"/);
  });

  it('elements nested 3,000 deep', async () => {
    const { room, change } = await opened();
    const update = change((d) => {
      let parent = new Y.XmlElement('operative');
      d.getXmlFragment(TEXT_FIELD).push([parent]);
      for (let i = 0; i < 3000; i++) {
        const e = new Y.XmlElement('operative');
        parent.insert(0, [e]);
        parent = e;
      }
    });
    expect(await refusal(guard.check(update, room))).toMatch(/element <operative> inside a paragraph/);
  });

  it('an unknown node type, attribute, mark, or an embed', async () => {
    const { room, other } = await opened();
    const bad: [string, (d: Y.Doc) => void, RegExp][] = [
      [
        'node',
        (d) => d.getXmlFragment(TEXT_FIELD).push([new Y.XmlElement('script')]),
        /element <script> where a paragraph/,
      ],
      [
        'text at the top',
        (d) => d.getXmlFragment(TEXT_FIELD).push([new Y.XmlText('loose')]),
        /text node where a paragraph/,
      ],
      ['attribute', (d) => paragraph(d, 0).setAttribute('onclick', 'x'), /unknown paragraph attribute "onclick"/],
      ['long id', (d) => paragraph(d, 0).setAttribute('id', 'x'.repeat(500)), /not a short string/],
      ['mark', (d) => textOf(d, 0).format(0, 4, { comment: { id: 1 } }), /unknown formatting mark "comment"/],
      ['embed', (d) => textOf(d, 0).insertEmbed(0, { image: 'x' }), /embedded object inside text/],
      ['map in text', (d) => textOf(d, 0).insertEmbed(0, new Y.Map()), /Map type inside text/],
    ];
    for (const [what, f, reason] of bad) expect(await refusal(guard.check(other()(f), room)), what).toMatch(reason);
  });

  it('a paragraph longer than the bound', async () => {
    const { room, change } = await opened();
    await guard.check(
      change((d) => textOf(d, 0).insert(0, 'x'.repeat(150))),
      room,
    );
    expect(
      await refusal(
        guard.check(
          change((d) => textOf(d, 0).insert(0, 'y'.repeat(60))),
          room,
        ),
      ),
    ).toMatch(/paragraph of 236 characters \(the limit is 200\)/);
  });

  it('an update whose missing dependencies leave more than a small bound waiting', async () => {
    const { room, change } = await opened();
    change((d) => textOf(d, 0).insert(0, 'never sent '));
    const dependent = change((d) => textOf(d, 0).insert(3, 'w'.repeat(140_000)));
    expect(await refusal(guard.check(dependent, room))).toMatch(/dependencies the document does not have/);
  });

  it('what a client types before its sync step 2 arrives waits for it (a small bound), then is checked', async () => {
    const { room, change } = await opened();
    const offline = change((d) => textOf(d, 0).insert(0, 'typed offline '));
    const live = change((d) => textOf(d, 0).insert(3, 'typed after reconnecting '));
    await guard.check(live, room);
    await guard.check(offline, room);
    // Integrated now, and checked: a paragraph past the bound is refused once it would be.
    expect(
      await refusal(
        guard.check(
          change((d) => textOf(d, 0).insert(0, 'q'.repeat(200))),
          room,
        ),
      ),
    ).toMatch(/the limit is 200/);
  });

  it('a refused update leaves nothing behind: what came after it is checked without it', async () => {
    const { room, client, change } = await opened();
    const bad = change((d) => textOf(d, 0).insert(0, 'z'.repeat(300)));
    expect(await refusal(guard.check(bad, room))).toMatch(/limit/);
    // The client's state now holds the refused text; a fresh client's edit is judged alone.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, start);
    const before = Y.encodeStateVector(fresh);
    (paragraph(fresh, 0).get(0) as Y.XmlText).insert(0, 'w'.repeat(150));
    await guard.check(Y.encodeStateAsUpdate(fresh, before), room);
    client.destroy();
  });

  it('a draft amendment: one plain paragraph, no marks, no attributes', async () => {
    const draft = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Replace "urges" by "calls upon".')]);
    draft.getXmlFragment(DRAFT_FIELD).push([p]);
    const { room, change, other } = await opened(Y.encodeStateAsUpdate(draft), 'draft');
    const text = (d: Y.Doc) => (d.getXmlFragment(DRAFT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    await guard.check(
      change((d) => text(d).insert(0, 'Amend: ')),
      room,
    );
    expect(
      await refusal(
        guard.check(
          other()((d) => text(d).format(0, 3, { bold: {} })),
          room,
        ),
      ),
    ).toMatch(/"bold"/);
    expect(
      await refusal(
        guard.check(
          other()((d) => d.getXmlFragment(DRAFT_FIELD).push([new Y.XmlElement('operative')])),
          room,
        ),
      ),
    ).toMatch(/<operative> where a paragraph belongs/);
    expect(
      await refusal(
        guard.check(
          other()((d) => d.getText('x').insert(0, 'x')),
          room,
        ),
      ),
    ).toMatch(/root "x"/);
    expect(
      await refusal(
        guard.check(
          other()((d) => (d.getXmlFragment(DRAFT_FIELD).get(0) as Y.XmlElement).setAttribute('id', 'x')),
          room,
        ),
      ),
    ).toMatch(/attribute "id"/);
  });
});

describe('a document stored out of shape by an older server is repaired when opened', () => {
  it('foreign roots emptied, nesting flattened into text, unknown marks dropped with the text kept', async () => {
    const old = new Y.Doc();
    Y.applyUpdate(old, start);
    old.getText('hidden').insert(0, 'x'.repeat(10_000));
    let parent = new Y.XmlElement('operative');
    parent.setAttribute('id', 'deep');
    parent.setAttribute('onclick', 'alert(1)');
    old.getXmlFragment(TEXT_FIELD).push([parent]);
    for (let i = 0; i < 3000; i++) {
      const e = new Y.XmlElement('operative');
      parent.insert(0, [e]);
      parent = e;
    }
    parent.insert(0, [new Y.XmlText('buried text')]);
    textOf(old, 0).format(0, 9, { comment: { id: 7 } });
    const { verdict } = await opened(Y.encodeStateAsUpdate(old));
    expect(verdict.reasons.join('\n')).toMatch(/root "hidden"/);
    expect(verdict.reasons.join('\n')).toMatch(/unknown formatting mark "comment"/);
    expect(verdict.replace).toBeNull();
    Y.applyUpdate(old, verdict.repair!);
    expect(old.getText('hidden').length).toBe(0);
    const paragraphs = decodeParagraphs(Y.encodeStateAsUpdate(old));
    expect(paragraphs.map((p) => p.text)).toEqual([
      'Recalling its resolutions,',
      'Decides to remain seized of the matter.',
      'buried text',
    ]);
    expect(paragraphs[2].id).toBe('deep');
    expect((textOf(old, 0).toDelta() as { attributes?: object }[])[0].attributes).toBeUndefined();
    const again = await opened(Y.encodeStateAsUpdate(old));
    expect(again.verdict.reasons).toEqual([]);
  });

  it('structs with missing dependencies are dropped from the state', async () => {
    const a = new Y.Doc();
    Y.applyUpdate(a, start);
    const before = Y.encodeStateVector(a);
    textOf(a, 0).insert(0, 'gap ');
    const sv = Y.encodeStateVector(a);
    textOf(a, 0).insert(0, 'after the gap '.repeat(10_000));
    const orphan = Y.encodeStateAsUpdate(a, sv);
    void before;
    const stored = Y.mergeUpdates([start, orphan]);
    const { verdict } = await opened(stored);
    expect(verdict.reasons.join()).toMatch(/dependencies are missing/);
    expect(decodeParagraphs(verdict.replace!)[0].text).toBe('Recalling its resolutions,');
  });
});

describe('reading the text is bounded in depth', () => {
  it('3,000 nested elements (what overflowed the reader of y-prosemirror): the paragraphs are read', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, start);
    let parent = new Y.XmlElement('operative');
    doc.getXmlFragment(TEXT_FIELD).push([parent]);
    for (let i = 0; i < 3000; i++) {
      const child = new Y.XmlElement('operative');
      parent.insert(0, [child]);
      parent = child;
    }
    const paragraphs = decodeParagraphs(Y.encodeStateAsUpdate(doc));
    expect(paragraphs.map((p) => p.text)).toEqual([
      'Recalling its resolutions,',
      'Decides to remain seized of the matter.',
      '',
    ]);
  });
});
