'use client';
import { useEffect, useRef, useState } from 'react';

export interface ProcedureEvent {
  resolutionId: string;
  type: string;
  data?: Record<string, unknown>;
  at?: string;
}

/**
 * Subscribes a page to a resolution's procedural events (Server-Sent Events; the browser
 * reconnects by itself). `onEvent` is called for each; `connected` drives the UI badge.
 */
export function useProcedureEvents(resolutionId: string, onEvent: (e: ProcedureEvent) => void) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource(`/api/v1/resolutions/${resolutionId}/events`);
    source.addEventListener('ready', () => setConnected(true));
    source.addEventListener('procedure', (m) => {
      try {
        handler.current(JSON.parse((m as MessageEvent).data));
      } catch {
        // a malformed event is ignored; the next refetch corrects the page
      }
    });
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [resolutionId]);
  return connected;
}
