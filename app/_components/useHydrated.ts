'use client';
import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs the component in the
 * browser. A control whose handler is attached by React is disabled until then: a tap on the
 * server's HTML (a chair steering the screen right after a reload, a slow phone) would do
 * nothing and say nothing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
