import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the process knows about the HTTP request being served, readable from any code that
 * runs on its behalf (route handlers, commands, the logger): its id, and the user and
 * resolution once known. The store lives on globalThis because Next bundles route handlers
 * apart from server/, and both must see the same one.
 */
export interface RequestContext {
  requestId: string;
  userId?: string;
  resolutionId?: string;
}

const slot = globalThis as unknown as { __concordRequestContext?: AsyncLocalStorage<RequestContext> };
slot.__concordRequestContext ??= new AsyncLocalStorage<RequestContext>();
const storage = slot.__concordRequestContext;

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Called once the request's user is authenticated, so the request's log line names them. */
export function noteRequestUser(userId: string): void {
  const context = storage.getStore();
  if (context) context.userId = userId;
}
