import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, waitFor, type TestClient } from '../collab/clients';
import { startCollabFixture, type CollabFixture } from '../collab/server';

/**
 * Issue 11.7: the server fills the user part of each presence entry from the authenticated
 * connection, and a client cannot speak for another (stock y-websocket clients).
 */
let f: CollabFixture;
let iran: TestClient;
let thailand: TestClient;
let canada: TestClient;

beforeAll(async () => {
  f = await startCollabFixture({}, ['iran', 'thailand', 'canada']);
  iran = connect(f.server.port, f.resolutionId, { token: f.tokens.iran });
  thailand = connect(f.server.port, f.resolutionId, { token: f.tokens.thailand });
  canada = connect(f.server.port, f.resolutionId, { token: f.tokens.canada });
  await waitFor(() => [iran, thailand, canada].every((c) => c.provider.synced), 15_000, 'sync');
});
afterAll(async () => {
  for (const c of [iran, thailand, canada]) c?.destroy();
  await f?.server.stop();
});

type Entry = { user?: { name?: string; delegation?: string | null; role?: string } } | undefined;
const seen = (by: TestClient, of: TestClient) => by.provider.awareness.getStates().get(of.doc.clientID) as Entry;

describe('presence entries', () => {
  it('carry the server’s account of the user, whatever the client claims', async () => {
    thailand.provider.awareness.setLocalStateField('user', { name: 'Thailand', delegation: 'Thailand' });
    iran.provider.awareness.setLocalStateField('user', {
      name: 'The Chair',
      delegation: 'Canada',
      role: 'chair',
      color: '#000000',
    });
    await waitFor(() => seen(canada, iran)?.user !== undefined, 10_000, 'iran’s presence at canada');
    const user = seen(canada, iran)!.user!;
    expect(user.name).not.toBe('The Chair');
    expect(user.delegation).not.toBe('Canada');
    expect(user.role).toBe('member');
    expect(user.name).toMatch(/Iran/);
  });

  it('a client cannot overwrite another’s entry', async () => {
    await waitFor(() => seen(canada, thailand)?.user !== undefined, 10_000, 'thailand’s presence');
    const before = JSON.stringify(seen(canada, thailand));
    // Iran's socket sends an entry under Thailand's client id, with a newer clock.
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = thailand.doc.clientID;
    forged.setLocalState({ user: { name: 'Impostor', delegation: 'Thailand' } });
    const meta = forged.meta.get(thailand.doc.clientID)!;
    meta.clock = 1000;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // awareness
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(forged, [thailand.doc.clientID]));
    iran.provider.ws!.send(encoding.toUint8Array(e));
    // A change Iran may make to its own entry, sent after the forgery, arrives: the forgery would have by then.
    iran.provider.awareness.setLocalStateField('cursor', { at: 42 });
    await waitFor(
      () => (seen(canada, iran) as { cursor?: { at: number } } | undefined)?.cursor?.at === 42,
      10_000,
      'iran’s own later change',
    );
    expect(JSON.stringify(seen(canada, thailand))).toBe(before);
    expect(JSON.stringify(seen(canada, thailand))).not.toContain('Impostor');
  });
});
