// Decodes and applies an update to a scratch document, in a worker thread with a memory
// cap, so that a crafted update that loops or balloons (yjs issue 687) costs this worker,
// never the server's event loop. Plain JS: it runs outside the TypeScript loader.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

const check = (bytes) => {
  Y.decodeUpdate(bytes);
  // A fixed guid: Y.Doc's default is a fresh uuidv4, 31 calls to crypto.getRandomValues,
  // which made up most of a check (≈1.5 ms → 0.1–0.4 ms per update measured here); the
  // guard's one worker checks every update of the process in turn.
  const scratch = new Y.Doc({ guid: 'update-guard' });
  Y.applyUpdate(scratch, bytes);
  scratch.destroy();
};

// Warm up before saying ready: a fresh worker's first decodes run unoptimised and take
// tens of milliseconds, which the watchdog would blame on the update (and a replacement
// worker, as cold, on the next one).
warmUp();
// Loaded: from now on the watchdog may time jobs (start-up is not the update's fault).
parentPort.postMessage({ ready: true });

parentPort.on('message', ({ id, update }) => {
  try {
    check(new Uint8Array(update));
    parentPort.postMessage({ id, ok: true });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});

/** Text typed and deleted in a few paragraphs, attributes set: the kinds of update clients send. */
function warmUp() {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('warm-up');
  const updates = [];
  doc.on('update', (u) => updates.push(u));
  for (let i = 0; i < 20; i++) {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute('id', `p${i}`);
    p.insert(0, [new Y.XmlText('Warm-up text of a paragraph.')]);
    fragment.insert(i, [p]);
  }
  for (let i = 0; i < 200; i++) {
    const text = fragment.get(i % 20).get(0);
    if (i % 4 === 3) text.delete(i % text.length, 1);
    else text.insert(i % (text.length + 1), 'ab', i % 8 === 0 ? { bold: true } : undefined);
  }
  updates.push(Y.encodeStateAsUpdate(doc));
  for (const u of updates) check(u);
  doc.destroy();
}
