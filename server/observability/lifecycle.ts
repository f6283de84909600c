/**
 * Whether this process is shutting down, and who must act on it (readiness turns 503,
 * event streams end so their browsers reconnect elsewhere). On globalThis because route
 * handlers are bundled apart from server/ and must see the same flag.
 */
interface Lifecycle {
  shuttingDown: boolean;
  listeners: Set<() => void>;
}

const slot = globalThis as unknown as { __concordLifecycle?: Lifecycle };
slot.__concordLifecycle ??= { shuttingDown: false, listeners: new Set() };
const lifecycle = slot.__concordLifecycle;

export const isShuttingDown = (): boolean => lifecycle.shuttingDown;

/** Runs `listener` when shutdown begins (at once if it has); returns the unsubscribe. */
export function onShutdown(listener: () => void): () => void {
  if (lifecycle.shuttingDown) {
    listener();
    return () => {};
  }
  lifecycle.listeners.add(listener);
  return () => lifecycle.listeners.delete(listener);
}

export function beginShutdown(): void {
  if (lifecycle.shuttingDown) return;
  lifecycle.shuttingDown = true;
  for (const listener of [...lifecycle.listeners]) {
    try {
      listener();
    } catch {
      // one failing listener must not keep the others from being told
    }
  }
  lifecycle.listeners.clear();
}
