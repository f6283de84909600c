'use client';
import { useSyncExternalStore } from 'react';

/**
 * Whether the page's live text could be opened: "opening" until the server's copy arrives,
 * "live" once it has, "unreachable" when it never came (a network that blocks WebSockets).
 * The live editor publishes it; the parts of the page that can also write — the language
 * version's table — offer their own form only while the live text is unreachable, so a
 * paragraph is written in one place whenever the live text works.
 */
export type LiveTextReach = 'opening' | 'live' | 'unreachable';

let reach: LiveTextReach = 'opening';
const listeners = new Set<() => void>();

export function publishLiveTextReach(next: LiveTextReach): void {
  if (next === reach) return;
  reach = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLiveTextReach(): LiveTextReach {
  return useSyncExternalStore(
    subscribe,
    () => reach,
    () => 'opening',
  );
}
