'use client';
import { useEffect, useRef, useState } from 'react';

export interface ProcedureEvent {
  resolutionId: string;
  type: string;
  data?: Record<string, unknown>;
  at?: string;
}

/**
 * One event stream per resolution per page, however many panels listen: browsers allow six
 * HTTP/1.1 connections per host, and three panels in each of two tabs would use them all
 * and stall every other request of the page.
 */
interface SharedStream {
  source: EventSource;
  connected: boolean;
  listeners: Set<(e: ProcedureEvent) => void>;
  statusListeners: Set<(connected: boolean) => void>;
}

const streams = new Map<string, SharedStream>();

function join(resolutionId: string, onEvent: (e: ProcedureEvent) => void, onStatus: (c: boolean) => void): () => void {
  let stream = streams.get(resolutionId);
  if (!stream) {
    const source = new EventSource(`/api/v1/resolutions/${resolutionId}/events`);
    const s: SharedStream = { source, connected: false, listeners: new Set(), statusListeners: new Set() };
    const setStatus = (connected: boolean) => {
      s.connected = connected;
      for (const l of s.statusListeners) l(connected);
    };
    source.addEventListener('ready', () => setStatus(true));
    source.addEventListener('procedure', (m) => {
      let event: ProcedureEvent;
      try {
        event = JSON.parse((m as MessageEvent).data);
      } catch {
        return; // a malformed event is ignored; the next refetch corrects the page
      }
      for (const l of s.listeners) {
        try {
          l(event);
        } catch (e) {
          console.error('[events] a listener failed', e); // one panel's bug must not silence the others
        }
      }
    });
    source.onerror = () => setStatus(false);
    streams.set(resolutionId, s);
    stream = s;
  }
  const s = stream;
  s.listeners.add(onEvent);
  s.statusListeners.add(onStatus);
  onStatus(s.connected);
  return () => {
    s.listeners.delete(onEvent);
    s.statusListeners.delete(onStatus);
    if (s.listeners.size === 0) {
      s.source.close();
      streams.delete(resolutionId);
    }
  };
}

/**
 * Subscribes a component to a resolution's procedural events (Server-Sent Events; the
 * browser reconnects by itself). `onEvent` is called for each; `connected` drives the badge.
 */
export function useProcedureEvents(resolutionId: string, onEvent: (e: ProcedureEvent) => void) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  useEffect(() => join(resolutionId, (e) => handler.current(e), setConnected), [resolutionId]);
  return connected;
}
