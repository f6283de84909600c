import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { EncodedState } from '@/server/collab/encoded-state';
import { createStateFolder, type StateFolder } from '@/server/collab/state-folder';

/**
 * With a state folder the encoded state merges its batches on a worker thread: it must
 * answer exactly as a Y.Doc given the same updates does, whether a sync overtakes a fold
 * under way or not, and an update arriving ahead of what it builds on is still served once
 * the gap closes.
 */
const real = createStateFolder();
let folds = 0;
const folder: StateFolder = {
  fold: (job) => {
    folds++;
    return real.fold(job);
  },
  close: () => real.close(),
};
afterAll(() => real.close());

const paragraphText = (doc: Y.Doc, i: number) =>
  (doc.getXmlFragment('resolution').get(i) as Y.XmlElement).get(0) as Y.XmlText;
const textOf = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getXmlFragment('resolution').toString();
};
const turn = () => new Promise((r) => setImmediate(r));

function baseDoc(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('resolution');
  for (let i = 0; i < 5; i++) {
    const p = new Y.XmlElement('operative');
    p.setAttribute('id', `p${i}`);
    p.insert(0, [new Y.XmlText(`Operative paragraph ${i} of the draft resolution.`)]);
    fragment.insert(i, [p]);
  }
  return doc;
}

describe('EncodedState with a state folder', () => {
  it('answers sync as a Y.Doc does through thousands of edits, folds under way or overtaken', async () => {
    const base = baseDoc();
    const state = new EncodedState(Y.encodeStateAsUpdate(base), undefined, folder);
    const reference = new Y.Doc();
    Y.applyUpdate(reference, Y.encodeStateAsUpdate(base));
    const clients = [0, 1, 2].map(() => {
      const c = new Y.Doc();
      Y.applyUpdate(c, Y.encodeStateAsUpdate(base));
      return c;
    });
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    folds = 0;
    /** Sync steps 2 asked for mid-stream, with the state vector of the reference at that moment. */
    const asked: { answer: Promise<Uint8Array>; had: Map<number, number> }[] = [];
    for (let i = 0; i < 4000; i++) {
      const client = clients[next(3)];
      const text = paragraphText(client, next(5));
      const before = Y.encodeStateVector(client);
      if (next(4) === 0 && text.length > 2) text.delete(next(text.length - 1), 1);
      else text.insert(next(text.length + 1), 'abc'.slice(0, 1 + next(3)));
      const update = Y.encodeStateAsUpdate(client, before);
      for (const other of clients) if (other !== client) Y.applyUpdate(other, update);
      Y.applyUpdate(reference, update);
      expect(state.add(update).added).toBe(true);
      expect(state.add(update).added).toBe(false);
      // Now and then the folds finish; now and then a sync overtakes one under way.
      if (i % 97 === 0) await turn();
      if (i % 701 === 0) expect(state.stateVector()).toEqual(Y.encodeStateVector(reference));
      if (i % 333 === 0)
        asked.push({
          answer: state.missingFromElsewhere(Y.encodeStateVector(base)),
          had: Y.decodeStateVector(Y.encodeStateVector(reference)),
        });
    }
    // Each answer, given to a client holding the base, brings it at least to where the text was when asked.
    for (const { answer, had } of asked) {
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
      Y.applyUpdate(client, await answer);
      const got = Y.decodeStateVector(Y.encodeStateVector(client));
      for (const [id, clock] of had) expect(got.get(id) ?? 0).toBeGreaterThanOrEqual(clock);
    }
    expect(folds).toBeGreaterThan(3);
    const snapshot = await state.collectedElsewhere();
    expect(textOf(snapshot)).toBe(reference.getXmlFragment('resolution').toString());
    expect(state.stateVector()).toEqual(Y.encodeStateVector(reference));
    const newcomer = new Y.Doc();
    Y.applyUpdate(newcomer, await state.missingFromElsewhere(Y.encodeStateVector(newcomer)));
    expect(newcomer.getXmlFragment('resolution').toString()).toBe(reference.getXmlFragment('resolution').toString());
    const behind = new Y.Doc();
    Y.applyUpdate(behind, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(behind, await state.missingFromElsewhere(Y.encodeStateVector(behind)));
    expect(behind.getXmlFragment('resolution').toString()).toBe(reference.getXmlFragment('resolution').toString());
  });

  it('keeps an update that came before what it builds on, and serves it once the gap closes', async () => {
    const base = baseDoc();
    const state = new EncodedState(Y.encodeStateAsUpdate(base), undefined, folder);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
    const updates: Uint8Array[] = [];
    for (let i = 0; i < 600; i++) {
      const before = Y.encodeStateVector(client);
      paragraphText(client, i % 5).insert(0, `w${i} `);
      updates.push(Y.encodeStateAsUpdate(client, before));
    }
    // The second arrives first; the rest in order, with folds finishing in between.
    expect(state.add(updates[1]).added).toBe(true);
    expect(state.add(updates[0]).added).toBe(true);
    for (let i = 2; i < updates.length; i++) {
      expect(state.add(updates[i]).added).toBe(true);
      if (i % 50 === 0) await turn();
    }
    await state.collectedElsewhere();
    expect(state.stateVector()).toEqual(Y.encodeStateVector(client));
    expect(state.add(updates[1]).added).toBe(false);
    expect(textOf(state.encoded())).toBe(client.getXmlFragment('resolution').toString());
  });
});
