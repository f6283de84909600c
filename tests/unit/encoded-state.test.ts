import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { EncodedState } from '@/server/collab/encoded-state';

/**
 * The live document keeps its text encoded; a Y.Doc given the same updates is the
 * reference for every answer it gives (sync steps, containment, the text itself).
 */

const paragraphText = (doc: Y.Doc, i: number) =>
  (doc.getXmlFragment('resolution').get(i) as Y.XmlElement).get(0) as Y.XmlText;

function baseDoc(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('resolution');
  doc.transact(() => {
    for (let i = 0; i < 5; i++) {
      const p = new Y.XmlElement('operative');
      p.setAttribute('id', `p${i}`);
      p.insert(0, [new Y.XmlText(`Operative paragraph ${i} of the draft resolution.`)]);
      fragment.insert(i, [p]);
    }
  });
  return doc;
}

const textOf = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getXmlFragment('resolution').toString();
};

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

describe('EncodedState', () => {
  it('answers sync exactly as a Y.Doc with the same updates does, through thousands of edits by several clients', () => {
    const base = baseDoc();
    const state = new EncodedState(Y.encodeStateAsUpdate(base));
    const reference = new Y.Doc();
    Y.applyUpdate(reference, Y.encodeStateAsUpdate(base));
    const clients = [0, 1, 2].map(() => {
      const c = new Y.Doc();
      Y.applyUpdate(c, Y.encodeStateAsUpdate(base));
      return c;
    });
    const next = random(7);
    for (let i = 0; i < 3000; i++) {
      const client = clients[next(3)];
      const text = paragraphText(client, next(5));
      const before = Y.encodeStateVector(client);
      if (next(3) === 0 && text.length > 0) text.delete(next(text.length), 1 + next(Math.min(3, text.length)) - 0);
      else text.insert(next(text.length + 1), 'ab'[next(2)]);
      const update = Y.encodeStateAsUpdate(client, before);
      // Every client gets every update (as the relay does), in order.
      for (const other of clients) if (other !== client) Y.applyUpdate(other, update);
      Y.applyUpdate(reference, update);
      expect(state.add(update).added).toBe(true);
      // The same again (a resend) adds nothing: its structs and deleted ranges are all known.
      expect(state.add(update).added).toBe(false);
      if (i % 500 === 0) expect(state.stateVector()).toEqual(Y.encodeStateVector(reference));
    }
    expect(state.stateVector()).toEqual(Y.encodeStateVector(reference));
    expect(textOf(state.encoded())).toBe(reference.getXmlFragment('resolution').toString());

    // A newcomer, and a client that fell behind, both end up with the reference text.
    const newcomer = new Y.Doc();
    Y.applyUpdate(newcomer, state.missingFrom(Y.encodeStateVector(newcomer)));
    expect(newcomer.getXmlFragment('resolution').toString()).toBe(reference.getXmlFragment('resolution').toString());
    const behind = new Y.Doc();
    Y.applyUpdate(behind, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(behind, state.missingFrom(Y.encodeStateVector(behind)));
    expect(behind.getXmlFragment('resolution').toString()).toBe(reference.getXmlFragment('resolution').toString());
  });

  it('takes nothing twice: a repeat, or a reconnecting client’s whole delete set, is not added', () => {
    const base = baseDoc();
    const state = new EncodedState(Y.encodeStateAsUpdate(base));
    const client = new Y.Doc();
    Y.applyUpdate(client, state.encoded());
    let sv = Y.encodeStateVector(client);
    paragraphText(client, 0).insert(0, 'New ');
    const typed = Y.encodeStateAsUpdate(client, sv);
    expect(state.add(typed).added).toBe(true);
    const size = state.byteLength;
    expect(state.add(typed).added).toBe(false);
    expect(state.byteLength).toBe(size);

    sv = Y.encodeStateVector(client);
    paragraphText(client, 1).delete(0, 10);
    paragraphText(client, 3).delete(5, 2);
    const erased = Y.encodeStateAsUpdate(client, sv);
    expect(state.add(erased).added).toBe(true);
    expect(state.add(erased).added).toBe(false);
    // What y-websocket's sync step 2 sends after a reconnect: no new structs, the whole delete set.
    const syncStep2 = Y.encodeStateAsUpdate(client, state.stateVector());
    expect(Y.decodeUpdate(syncStep2).ds.clients.size).toBeGreaterThan(0);
    expect(state.add(syncStep2).added).toBe(false);
    // A deletion inside a deleted range is nothing new; one next to it is.
    sv = Y.encodeStateVector(client);
    paragraphText(client, 1).delete(0, 1);
    expect(state.add(Y.encodeStateAsUpdate(client, sv)).added).toBe(true);
    // Deleting in another client's paragraph, then the same deletion arriving again from a third.
    const other = new Y.Doc();
    Y.applyUpdate(other, state.encoded());
    sv = Y.encodeStateVector(other);
    paragraphText(other, 4).delete(0, 3);
    const fromOther = Y.encodeStateAsUpdate(other, sv);
    expect(state.add(fromOther).added).toBe(true);
    expect(state.add(Y.encodeStateAsUpdate(other, state.stateVector())).added).toBe(false);
    expect(textOf(state.encoded())).toBe(other.getXmlFragment('resolution').toString());
  });

  it('tells typing apart from changes of structure (paragraphs, attributes, deletions)', () => {
    const base = baseDoc();
    const state = new EncodedState(Y.encodeStateAsUpdate(base));
    const client = new Y.Doc();
    Y.applyUpdate(client, state.encoded());
    const change = (f: () => void) => {
      const sv = Y.encodeStateVector(client);
      f();
      return state.add(Y.encodeStateAsUpdate(client, sv)).structural;
    };
    expect(change(() => paragraphText(client, 0).insert(3, 'xyz'))).toBe(false);
    expect(change(() => paragraphText(client, 0).format(0, 3, { bold: true }))).toBe(false);
    expect(change(() => paragraphText(client, 0).delete(0, 1))).toBe(true);
    expect(change(() => (client.getXmlFragment('resolution').get(1) as Y.XmlElement).setAttribute('id', 'p0'))).toBe(
      true,
    );
    expect(change(() => client.getXmlFragment('resolution').insert(0, [new Y.XmlElement('preambular')]))).toBe(true);
  });

  it('drops what deleted text contained, so typing and erasing for long costs what the text does', () => {
    const base = baseDoc();
    const state = new EncodedState(Y.encodeStateAsUpdate(base));
    const start = state.encoded().byteLength;
    const client = new Y.Doc();
    Y.applyUpdate(client, state.encoded());
    const text = paragraphText(client, 3);
    for (let round = 0; round < 400; round++) {
      let sv = Y.encodeStateVector(client);
      text.insert(0, 'a phrase typed and then erased again, over and over ');
      state.add(Y.encodeStateAsUpdate(client, sv));
      sv = Y.encodeStateVector(client);
      text.delete(0, 52);
      state.add(Y.encodeStateAsUpdate(client, sv));
    }
    // 400 × 52 characters were typed; what stays is a deleted range per phrase (a few bytes each).
    expect(state.encoded().byteLength).toBeLessThan(start + 400 * 12);
    expect(state.collected().byteLength).toBeLessThan(start + 400 * 12);
    expect(textOf(state.encoded())).toBe(client.getXmlFragment('resolution').toString());
  });

  it('keeps updates that arrive before what they build on, and serves them once the gap closes', () => {
    const base = baseDoc();
    const state = new EncodedState(Y.encodeStateAsUpdate(base));
    const client = new Y.Doc();
    Y.applyUpdate(client, state.encoded());
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    paragraphText(client, 0).insert(0, 'first ');
    paragraphText(client, 0).insert(6, 'second ');
    state.add(updates[1]);
    // Not contiguous: the state vector does not claim it yet, so a client would resend it.
    expect(Y.decodeStateVector(state.stateVector()).get(client.clientID)).toBeUndefined();
    expect(state.add(updates[0]).added).toBe(true);
    expect(Y.decodeStateVector(state.stateVector()).get(client.clientID)).toBe(13);
    expect(textOf(state.encoded())).toBe(client.getXmlFragment('resolution').toString());
    // Once the gap is closed, the early update is known: a repeat of it is not taken again.
    expect(state.add(updates[1]).added).toBe(false);
  });
});
