import { EventEmitter } from 'node:events';

/**
 * Procedural events (an amendment tabled, a ballot cast, the stage changed, adoption) that
 * every open page of a resolution must see without reloading. Pages subscribe through
 * Server-Sent Events (GET /api/v1/resolutions/{id}/events) and refetch what changed.
 *
 * The bus lives on globalThis: route handlers (bundled by Next) publish and the SSE route
 * subscribes, and both must reach the same emitter. With REDIS_URL, a relay (installed by
 * the server) also forwards events between processes.
 */
export interface ProcedureEvent {
  resolutionId: string;
  /** "amendment.tabled", "vote.opened", "ballot.cast", "stage.changed", … */
  type: string;
  /** Small, non-secret details (ids, numbers); pages refetch the rest with their own rights. */
  data?: Record<string, unknown>;
  at?: string;
}

interface Bus {
  emitter: EventEmitter;
  /** Hear every resolution's events, local and remote (e.g. the room screen's memory). */
  observers?: Set<(event: ProcedureEvent) => void>;
  /** Set by a cross-process relay: sends a local event to the other processes. */
  forward?: (event: ProcedureEvent) => void;
}

const slot = globalThis as unknown as { __concordProcedureBus?: Bus };

function bus(): Bus {
  if (!slot.__concordProcedureBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0); // one listener per open page
    slot.__concordProcedureBus = { emitter };
  }
  return slot.__concordProcedureBus;
}

export function publishProcedureEvent(event: ProcedureEvent): void {
  const full = { ...event, at: event.at ?? new Date().toISOString() };
  bus().emitter.emit(full.resolutionId, full);
  observe(full);
  bus().forward?.(full);
}

function observe(event: ProcedureEvent): void {
  for (const o of bus().observers ?? []) o(event);
}

export function observeProcedureEvents(observer: (event: ProcedureEvent) => void): () => void {
  const b = bus();
  b.observers ??= new Set();
  b.observers.add(observer);
  return () => b.observers?.delete(observer);
}

/** Delivers an event that came from another process (no forwarding back). */
export function deliverRemoteProcedureEvent(event: ProcedureEvent): void {
  bus().emitter.emit(event.resolutionId, event);
  observe(event);
}

export function subscribeProcedureEvents(resolutionId: string, listener: (e: ProcedureEvent) => void): () => void {
  bus().emitter.on(resolutionId, listener);
  return () => bus().emitter.off(resolutionId, listener);
}

export function setProcedureEventForwarder(forward: ((e: ProcedureEvent) => void) | undefined): void {
  bus().forward = forward;
}
