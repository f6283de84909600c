// Folds a document's stored updates into its encoded state off the relay's thread: merging
// a large text costs its whole size each time, and re-encoding it to drop deleted content
// costs more. Stateless: each job brings the state and the updates, and gets back the new
// state (transferred, not copied). Plain JS: it runs outside the TypeScript loader.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

/** Re-encodes through a Y.Doc, which replaces deleted content by its length. */
const collectGarbage = (update) => {
  const doc = new Y.Doc({ guid: 'state-folder' });
  try {
    Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
};

const fold = ({ state, updates, collect, diff }) => {
  let merged = new Uint8Array(state);
  const list = updates.map((u) => new Uint8Array(u));
  let exact = true;
  let failure = null;
  try {
    merged = Y.mergeUpdates([merged, ...list]);
  } catch {
    // An update the guard let through does not merge: the others must still be kept.
    for (const update of list) {
      try {
        merged = Y.mergeUpdates([merged, update]);
      } catch (e) {
        exact = false;
        failure = e instanceof Error ? e.message : String(e);
      }
    }
  }
  // The same rule as EncodedState's own fold: once a good share was deleted, or the state doubled.
  let collected = false;
  if (
    collect.always ||
    collect.deleted > collect.collectedBytes / 4 + 4096 ||
    merged.byteLength > collect.collectedBytes * 2 + 4096
  ) {
    try {
      merged = collectGarbage(merged);
      collected = true;
    } catch (e) {
      failure ??= e instanceof Error ? e.message : String(e);
    }
  }
  // A client's sync step 2: what a client with the state vector `diff` lacks.
  const missing = diff ? Y.diffUpdate(merged, new Uint8Array(diff)) : null;
  return { merged, exact, collected, failure, missing, vector: Y.encodeStateVectorFromUpdate(merged) };
};

/** A buffer of its own: transferring it empties nothing the worker still uses. */
const own = (bytes) => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());

parentPort.on('message', (job) => {
  try {
    const { merged, exact, collected, failure, missing, vector } = fold(job);
    const state = own(merged);
    const lacking = missing ? own(missing) : null;
    parentPort.postMessage(
      {
        id: job.id,
        ok: true,
        state: state.buffer,
        missing: lacking?.buffer ?? null,
        exact,
        collected,
        failure,
        vector,
      },
      lacking ? [state.buffer, lacking.buffer] : [state.buffer],
    );
  } catch (e) {
    parentPort.postMessage({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
