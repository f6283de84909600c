import type { Queryable } from '../../db/client';
import { EventBus } from './event-bus';
import { storedTextStore, type TextStore } from './text-store';

/**
 * What the process provides to use cases, installed once at start-up (server/index.ts):
 * the text store of the collaboration service and the event bus with its subscribers.
 *
 * This is the one place that reaches across Next's bundling: route handlers are bundled
 * apart from the custom server, so a module variable would exist twice (see DESIGN.md,
 * "One process, one of each"); the installed runtime lives on globalThis. Use cases never
 * look it up: `execute()` hands them what they need. Without a server (the CLI on its own
 * database, tests) the text is the stored log and events have no subscribers.
 */
export interface UseCaseRuntime {
  /** The live text, when this process serves the collaboration endpoint. */
  text: TextStore | null;
  bus: EventBus;
}

const slot = globalThis as unknown as { __concordUseCaseRuntime?: UseCaseRuntime };

export function installUseCaseRuntime(runtime: UseCaseRuntime): void {
  slot.__concordUseCaseRuntime = runtime;
}

export function uninstallUseCaseRuntime(): void {
  slot.__concordUseCaseRuntime = undefined;
}

const detached: UseCaseRuntime = { text: null, bus: new EventBus() };

export function installedRuntime(): UseCaseRuntime {
  return slot.__concordUseCaseRuntime ?? detached;
}

/** The text store use cases and read models use with this database. */
export function textStoreFor(db: Queryable): TextStore {
  return installedRuntime().text ?? storedTextStore(db);
}
