import type { CollabService } from './types';

/**
 * One collaboration service per process, reachable from route handlers (bundled apart by
 * Next) and the custom server alike: hence globalThis, not a module variable.
 */
const slot = globalThis as unknown as { __concordCollab?: CollabService | null };

export function getCollabService(): CollabService | null {
  return slot.__concordCollab ?? null;
}

export function setCollabService(service: CollabService | null): void {
  slot.__concordCollab = service;
}
