// Decodes and applies an update to a scratch document, in a worker thread with a memory
// cap, so that a crafted update that loops or balloons (yjs issue 687) costs this worker,
// never the server's event loop. Plain JS: it runs outside the TypeScript loader.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

// Loaded: from now on the watchdog may time jobs (start-up is not the update's fault).
parentPort.postMessage({ ready: true });

parentPort.on('message', ({ id, update }) => {
  try {
    const bytes = new Uint8Array(update);
    Y.decodeUpdate(bytes);
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, bytes);
    scratch.destroy();
    parentPort.postMessage({ id, ok: true });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
