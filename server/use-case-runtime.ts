import { EventBus } from '../usecases/kernel/event-bus';
import { installUseCaseRuntime, uninstallUseCaseRuntime } from '../usecases/kernel/runtime';
import type { TextStore } from '../usecases/kernel/text-store';
import type { CollabService } from './collab/types';
import { collabAccessSubscriber } from './events/collab-access';
import { credentialsSubscriber } from './events/credentials';
import { procedureStreamSubscriber } from './events/procedure-stream';
import { log } from './log';

/**
 * Composition at start-up: use cases get the collaboration service as their text store
 * (open editors see a change at once) and an event bus whose subscribers publish to pages
 * and re-check sockets. Called once by server/index.ts; undone on shutdown.
 */
export function startUseCaseRuntime(collab: CollabService | null): { bus: EventBus; stop(): void } {
  const logger = log('events');
  const bus = new EventBus((err, event) => logger.error({ err, event: event.type }, 'an event subscriber failed'));
  bus.subscribe(procedureStreamSubscriber);
  if (collab) bus.subscribe(collabAccessSubscriber(collab));
  bus.subscribe(credentialsSubscriber);
  const text: TextStore | null = collab
    ? {
        read: (resolutionId) => collab.readState(resolutionId),
        change: (resolutionId, change, origin) => collab.changeText(resolutionId, change, origin),
      }
    : null;
  installUseCaseRuntime({ text, bus });
  return { bus, stop: uninstallUseCaseRuntime };
}
