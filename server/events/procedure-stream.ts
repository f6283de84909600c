import { isProcedureEvent, type DomainEvent } from '../../usecases/kernel/events';
import { publishProcedureEvent } from '../procedure-events';

/**
 * Every procedural event goes to the open pages of its resolution (Server-Sent Events) and,
 * with REDIS_URL, to the other processes' pages: server/procedure-events.ts is the stream.
 */
export function procedureStreamSubscriber(event: DomainEvent): void {
  if (!isProcedureEvent(event)) return;
  publishProcedureEvent({ resolutionId: event.resolutionId, type: event.type, data: event.data });
}
