import path from 'node:path';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { projectRoot, startServerChild, worstLoop } from './child';
import type { RunningServer } from './types';

/** Document name the clients use: the same path shape as Concord's endpoint. */
export const REFERENCE_DOC_PATH = 'collab/bench-resolution';

/**
 * Starts the reference server in a child process and loads `initialState` (the same
 * resolution text Concord serves) into its in-memory document, so both servers relay edits
 * to the same document.
 */
export async function startReferenceServer(initialState: Uint8Array): Promise<RunningServer> {
  const env = { ...process.env };
  delete env.YPERSISTENCE; // no persistence: the reference as documented
  delete env.CALLBACK_URL;
  const child = await startServerChild({
    name: 'reference server',
    script: path.join(projectRoot, 'bench', 'servers', 'reference-server.ts'),
    env,
    portLine: /listening on port (\d+)/,
  });
  const url = `ws://127.0.0.1:${child.port}/${REFERENCE_DOC_PATH}`;
  await seed(url, initialState);
  return {
    name: 'reference',
    pids: [child.pid],
    urlFor: () => url,
    origin: () => `http://127.0.0.1:${child.port}`,
    output: child.output,
    stop: child.stop,
    loop: { reset: child.loopReset, report: async () => worstLoop([await child.loopReport()]) },
  };
}

/**
 * Sends the state as an update, then a sync step 1: the server answers it after applying
 * the update (messages are handled in order), so the answer means "loaded".
 */
function seed(url: string, state: Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error('seeding the reference server timed out')), 15_000);
    ws.on('error', reject);
    ws.on('open', () => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 0);
      syncProtocol.writeUpdate(update, state);
      ws.send(encoding.toUint8Array(update));
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, 0);
      encoding.writeVarUint(step1, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(step1, Y.encodeStateVector(new Y.Doc()));
      ws.send(encoding.toUint8Array(step1));
    });
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === syncProtocol.messageYjsSyncStep2) {
        clearTimeout(timer);
        ws.close();
        resolve();
      }
    });
  });
}
