'use client';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { closeOutcome, parseAccessNotice, type AccessNotice, type ConnectionStatus } from '@/lib/editor/connection';

/** Concord's access notice on the collaboration socket (see server/collab/protocol.ts). */
const ACCESS_MESSAGE = 100;
/**
 * The text never arrived after this long, or after this many connections closed before it
 * did: the live text is taken for unreachable from here (a proxy that refuses WebSockets
 * fails every attempt within a second; a slow server still answers within seconds).
 */
const UNREACHABLE_AFTER_MS = 10_000;
const UNREACHABLE_AFTER_CLOSES = 3;

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export interface CollabState {
  status: ConnectionStatus;
  /** True once the server's copy of the text has arrived; stays true while offline. */
  loaded: boolean;
  /** What the server last said we may do; kept while offline, so offline edits go on. */
  access: AccessNotice | null;
  /** Why the last connection closed, when worth telling (a key of connection.problem). */
  problem: string | null;
  /** The text has not arrived and is not expected to: every attempt failed, or it took too long. */
  unreachable: boolean;
}

/**
 * One Y.Doc and one stock y-websocket provider per open room: a resolution (room = its id)
 * or a draft amendment co-edited by its co-sponsors (room = "amendment/<id>"). The document is
 * never seeded from here: the server holds the imported text and sends it on sync. The doc
 * outlives dropped connections (edits made offline merge on reconnect); it is destroyed
 * only when the page goes away.
 */
export function useCollabSession(room: string): { session: CollabSession | null; state: CollabState } {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [state, setState] = useState<CollabState>({
    status: 'connecting',
    loaded: false,
    access: null,
    problem: null,
    unreachable: false,
  });

  useEffect(() => {
    const doc = new Y.Doc();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, room, doc, {
      params: { access: '1' },
      connect: false,
      // Tabs must not exchange updates behind the server's back: it decides who may write.
      disableBc: true,
      shouldReconnect: (event: CloseEvent) => closeOutcome(event.code).reconnect,
    });
    const patch = (p: Partial<CollabState>) => setState((s) => ({ ...s, ...p }));
    let everConnected = false;
    let refused = false;
    let loaded = false;
    let closesBeforeLoaded = 0;
    const giveUpWaiting = setTimeout(() => {
      if (!loaded) patch({ unreachable: true });
    }, UNREACHABLE_AFTER_MS);

    provider.messageHandlers[ACCESS_MESSAGE] = (_encoder, decoder) => {
      const notice = parseAccessNotice(decoding.readVarString(decoder));
      if (notice) patch({ access: notice });
    };
    provider.on('status', ({ status }) => {
      if (status === 'connected') {
        everConnected = true;
        patch({ status: 'connected', problem: null });
      } else if (!navigator.onLine) patch({ status: 'offline' });
      else if (status === 'connecting') patch({ status: everConnected ? 'reconnecting' : 'connecting' });
      else patch({ status: 'reconnecting' });
    });
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      loaded = true;
      patch({ loaded: true, unreachable: false });
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (!loaded && ++closesBeforeLoaded >= UNREACHABLE_AFTER_CLOSES) patch({ unreachable: true });
      // null: we closed it ourselves (page leaving, watchdog); nothing to tell.
      if (event && event.code !== 1000 && event.code !== 1001) patch({ problem: closeOutcome(event.code).key });
    });
    provider.on('closed', ({ code }: { code: number }) => {
      refused = true;
      patch({ status: 'refused', problem: closeOutcome(code).key });
    });

    // The browser knows before the socket does: stop writing into a dead connection, keep
    // editing locally, and reconnect (sync steps 1 and 2 merge both ways) when back online.
    const wentOffline = () => {
      patch({ status: 'offline' });
      if (!refused) provider.disconnect();
    };
    const cameOnline = () => {
      if (refused) return;
      provider.disconnect();
      provider.connect();
    };
    window.addEventListener('offline', wentOffline);
    window.addEventListener('online', cameOnline);

    setSession({ doc, provider });
    provider.connect();
    return () => {
      clearTimeout(giveUpWaiting);
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameOnline);
      provider.destroy();
      doc.destroy();
    };
  }, [room]);

  return { session, state };
}
