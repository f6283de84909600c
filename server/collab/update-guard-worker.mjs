// Checks incoming updates off the relay's thread, in a worker with a memory cap, so that a
// crafted update that loops or balloons (yjs issue 687) costs this worker, never the
// server's event loop. Each open document has a mirror here (a Y.Doc fed every update the
// live document takes): a client's update is applied to the mirror and the items it brought
// are checked against the document's shape (document-check.mjs); one that does not fit is
// taken out again by rebuilding the mirror from its last checkpoint and the updates since.
// Plain JS: it runs outside the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { checkTransaction, misfits, repairDocument } from './document-check.mjs';

/** @type {Record<string, import('./document-check.mjs').DocumentShape>} */
const shapes = workerData?.shapes ?? {};
const REPAIR = Symbol('repair');

/**
 * @typedef {{ shape: import('./document-check.mjs').DocumentShape, doc: Y.Doc, checkpoint: Uint8Array,
 *   log: { id: number, update: Uint8Array }[], logBytes: number }} Mirror
 */
/** @type {Map<string, Mirror>} */
const mirrors = new Map();

/** Decodes and applies an update to a scratch document (no document to check it against). */
const decodeAlone = (bytes) => {
  // A fixed guid: Y.Doc's default is a fresh uuidv4, 31 calls to crypto.getRandomValues,
  // which made up most of a check (≈1.5 ms → 0.1–0.4 ms per update measured here); the
  // guard's one worker checks every update of the process in turn.
  const scratch = new Y.Doc({ guid: 'update-guard' });
  try {
    Y.decodeUpdate(bytes);
    Y.applyUpdate(scratch, bytes);
  } catch (e) {
    throw refusal('malformed', `update could not be applied: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    scratch.destroy();
  }
};

/** A refused update: its message, and its reason from refusal.ts's fixed set. */
const refusal = (reason, message) => Object.assign(new Error(message), { reason });

/**
 * Bytes of structs and deletions waiting for what they depend on. A client legitimately
 * leaves a few: right after reconnecting it sends what it types before its sync step 2 (the
 * offline edits that typing depends on) has arrived. Past this bound an update is refused:
 * structs that never find their dependencies would be stored and sent to every client.
 */
const MAX_PENDING_BYTES = 128 * 1024;
const pendingBytes = (doc) =>
  (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);

/**
 * Applies an update, returning the transactions it made: the one integrating it, and any
 * Yjs runs after it (cleaning up formatting).
 */
const applyTracked = (doc, update) => {
  const made = [];
  const seen = (transaction) => {
    made.push(transaction);
  };
  doc.on('afterTransaction', seen);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    doc.off('afterTransaction', seen);
  }
  return made;
};

/** Which dependencies an update lacks (client: first missing clock / the document's clock). */
const missingOf = (doc) => {
  const missing = [...(doc.store.pendingStructs?.missing ?? new Map())]
    .slice(0, 3)
    .map(([client, clock]) => `${client}:${clock}/${Y.getState(doc.store, client)}`);
  const what = missing.length ? `structs left pending, missing ${missing.join(' ')}` : 'deletions of unknown items';
  return `an update whose dependencies the document does not have (${what}; ${pendingBytes(doc)} bytes waiting, the bound is ${MAX_PENDING_BYTES})`;
};

const rebuild = (mirror) => {
  mirror.doc.destroy();
  mirror.doc = new Y.Doc();
  Y.applyUpdate(mirror.doc, mirror.checkpoint);
  for (const { update } of mirror.log) Y.applyUpdate(mirror.doc, update);
};

/** The log is folded into the checkpoint once it outweighs it: rebuilding stays O(document). */
const record = (mirror, id, update) => {
  mirror.log.push({ id, update });
  mirror.logBytes += update.byteLength;
  if (mirror.logBytes > Math.max(64 * 1024, mirror.checkpoint.byteLength)) {
    mirror.checkpoint = Y.encodeStateAsUpdate(mirror.doc);
    mirror.log = [];
    mirror.logBytes = 0;
  }
};

/** A client's update: applied to the mirror when it fits, else the reason it does not. */
const check = (room, id, update) => {
  if (room === undefined) return decodeAlone(update);
  const mirror = mirrors.get(room);
  if (!mirror) throw new Error('the document is not open for checking');
  // No separate decoding pass: one that fails half-way through the mirror is undone below.
  let found = null;
  try {
    for (const transaction of applyTracked(mirror.doc, update)) found ??= checkTransaction(transaction, mirror.shape);
    if (!found && pendingBytes(mirror.doc) > MAX_PENDING_BYTES)
      found = { reason: 'missing_dependencies', message: missingOf(mirror.doc) };
  } catch (e) {
    found = {
      reason: 'malformed',
      message: `update could not be applied: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  if (found) {
    rebuild(mirror);
    throw refusal(found.reason, found.message);
  }
  record(mirror, id, update);
};

/**
 * A document opened: its mirror made from the stored state. One stored by an older server
 * may hold what the shape forbids: the reply carries the update that repairs it (to be
 * stored and relayed like any change), or, when it cannot be repaired in place (pending
 * structs, a repair Yjs cannot apply), a clean state to replace it with.
 */
const open = (room, shapeName, state) => {
  const shape = shapes[shapeName];
  if (!shape) throw new Error(`unknown document shape ${shapeName}`);
  mirrors.get(room)?.doc.destroy();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  let repair = null;
  let replace = null;
  let reasons = [];
  const before = Y.encodeStateVector(doc);
  try {
    if (misfits(doc, shape).length) {
      reasons = repairDocument(doc, shape, REPAIR);
      repair = Y.encodeStateAsUpdate(doc, before);
    }
  } catch (e) {
    reasons.push(`the repair failed (${e instanceof Error ? e.message : String(e)}): rebuilt from its readable text`);
    repair = null;
    replace = rebuildReadable(state, shape);
  }
  if (!replace && pendingBytes(doc) > MAX_PENDING_BYTES) {
    reasons.push('structs whose dependencies are missing');
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    replace = Y.encodeStateAsUpdate(doc);
  }
  const mirrorDoc = replace ? docOf(replace) : doc;
  if (replace) doc.destroy();
  const checkpoint = Y.encodeStateAsUpdate(mirrorDoc);
  mirrors.set(room, { shape, doc: mirrorDoc, checkpoint, log: [], logBytes: 0 });
  return { reasons, repair, replace };
};

const docOf = (state) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
};

/**
 * The last resort: a new document with each paragraph the editor would show (known kind,
 * its id, its text and known formatting), read one level deep. History is lost; text is not.
 */
const rebuildReadable = (state, shape) => {
  const old = new Y.Doc({ gc: false });
  Y.applyUpdate(old, state);
  const fresh = new Y.Doc();
  const target = fresh.getXmlFragment(shape.root);
  fresh.transact(() => {
    for (const node of old.getXmlFragment(shape.root).toArray()) {
      if (!(node instanceof Y.XmlElement) || !Object.hasOwn(shape.paragraphs, node.nodeName)) continue;
      const paragraph = new Y.XmlElement(node.nodeName);
      for (const key of shape.paragraphs[node.nodeName]) {
        const value = node.getAttribute(key);
        if (typeof value === 'string') paragraph.setAttribute(key, value);
      }
      const text = new Y.XmlText();
      const delta = [];
      for (const child of node.toArray()) {
        if (!(child instanceof Y.XmlText)) continue;
        for (const op of child.toDelta()) {
          if (typeof op.insert !== 'string') continue;
          const attributes = {};
          for (const mark of Object.keys(op.attributes ?? {})) if (shape.marks.includes(mark)) attributes[mark] = {};
          delta.push({ insert: op.insert, attributes });
        }
      }
      paragraph.insert(0, [text]);
      target.push([paragraph]);
      text.applyDelta(delta);
    }
  });
  old.destroy();
  const state2 = Y.encodeStateAsUpdate(fresh);
  fresh.destroy();
  return state2;
};

const handlers = {
  check: ({ room, id, update }) => check(room, id, new Uint8Array(update)),
  open: ({ room, shape, state }) => {
    const { reasons, repair, replace } = open(room, shape, new Uint8Array(state));
    return { reasons, repair: repair?.buffer ?? null, replace: replace?.buffer ?? null };
  },
  feed: ({ room, id, update }) => {
    const mirror = mirrors.get(room);
    if (!mirror) return;
    const bytes = new Uint8Array(update);
    Y.applyUpdate(mirror.doc, bytes);
    record(mirror, id, bytes);
  },
  /** An update checked here but not taken by the live document after all: out again. */
  discard: ({ room, of }) => {
    const mirror = mirrors.get(room);
    const i = mirror ? mirror.log.findIndex((entry) => entry.id === of) : -1;
    if (i < 0) return;
    mirror.log.splice(i, 1);
    rebuild(mirror);
  },
  forget: ({ room }) => {
    mirrors.get(room)?.doc.destroy();
    mirrors.delete(room);
  },
};

// Warm up before saying ready: a fresh worker's first decodes run unoptimised and take
// tens of milliseconds, which the watchdog would blame on the update (and a replacement
// worker, as cold, on the next one).
warmUp();
// Loaded: from now on the watchdog may time jobs (start-up is not the update's fault).
parentPort.postMessage({ ready: true });

/**
 * Each job is answered as soon as it is done, even within a batch: the watchdog on the other
 * side blames the oldest unanswered job, which must be the one this worker is stuck on.
 */
const handle = (message) => {
  try {
    const result = handlers[message.op](message);
    const transfer = [result?.repair, result?.replace].filter(Boolean);
    parentPort.postMessage({ id: message.id, ok: true, result }, transfer);
  } catch (e) {
    // The reason (refusal.ts) where the check named one; the guard counts anything else as "other".
    const reason = typeof e?.reason === 'string' ? e.reason : 'other';
    parentPort.postMessage({ id: message.id, ok: false, error: e instanceof Error ? e.message : String(e), reason });
  }
};

parentPort.on('message', (message) => {
  if (message.op === 'batch') for (const m of message.messages) handle(m);
  else handle(message);
});

/** Text typed and deleted in a few paragraphs, attributes set: the kinds of update clients send. */
function warmUp() {
  const shape = Object.values(shapes)[0];
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(shape?.root ?? 'warm-up');
  const updates = [];
  doc.on('update', (u) => updates.push(u));
  for (let i = 0; i < 20; i++) {
    const p = new Y.XmlElement(shape ? Object.keys(shape.paragraphs)[0] : 'paragraph');
    p.setAttribute('id', `p${i}`);
    p.insert(0, [new Y.XmlText('Warm-up text of a paragraph.')]);
    fragment.insert(i, [p]);
  }
  for (let i = 0; i < 200; i++) {
    const text = fragment.get(i % 20).get(0);
    if (i % 4 === 3) text.delete(i % text.length, 1);
    else text.insert(i % (text.length + 1), 'ab', i % 8 === 0 ? { bold: {} } : undefined);
  }
  updates.push(Y.encodeStateAsUpdate(doc));
  for (const u of updates) decodeAlone(u);
  if (shape) {
    const room = '\u0000warm-up';
    open(room, Object.keys(shapes)[0], new Uint8Array([0, 0]));
    updates.forEach((u, i) => {
      try {
        check(room, -1 - i, u);
      } catch {
        // The warm-up's paragraphs carry an id the draft shape does not know: refused, as it should be.
      }
    });
    mirrors.get(room)?.doc.destroy();
    mirrors.delete(room);
  }
  doc.destroy();
}
