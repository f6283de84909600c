import { BLANK_SCREEN, laterScreen, type ScreenContent, type ScreenState } from '../lib/screen/content';
import { observeProcedureEvents, publishProcedureEvent, type ProcedureEvent } from './procedure-events';

/**
 * What each resolution's room screen shows. Small and in memory: a change is published as
 * the procedure event "screen.changed" carrying the whole state, so every open screen
 * follows from the event itself (relayed through Redis to the other processes), and every
 * process remembers the latest one it heard for screens opened later. A process started
 * after the last change shows a blank screen until the next one; nothing procedural is lost.
 *
 * On globalThis: the route handlers (bundled by Next) and the server share one memory.
 */
const slot = globalThis as unknown as { __concordScreens?: Map<string, ScreenState> };

function screens(): Map<string, ScreenState> {
  if (!slot.__concordScreens) {
    const memory = new Map<string, ScreenState>();
    slot.__concordScreens = memory;
    observeProcedureEvents((event) => remember(memory, event));
  }
  return slot.__concordScreens;
}

function remember(memory: Map<string, ScreenState>, event: ProcedureEvent) {
  if (event.type !== 'screen.changed') return;
  const state = (event.data as { screen?: ScreenState } | undefined)?.screen;
  if (!state?.content || typeof state.setAt !== 'string') return;
  memory.set(event.resolutionId, laterScreen(memory.get(event.resolutionId) ?? BLANK_SCREEN, state));
}

/** Installed at start-up, so events from other processes are remembered from the first one. */
export function installScreenMemory(): void {
  screens();
}

export function screenOf(resolutionId: string): ScreenState {
  return screens().get(resolutionId) ?? BLANK_SCREEN;
}

export function putOnScreen(resolutionId: string, content: ScreenContent): ScreenState {
  const state: ScreenState = { content, setAt: new Date().toISOString() };
  screens();
  publishProcedureEvent({ resolutionId, type: 'screen.changed', data: { screen: state } });
  return state;
}
