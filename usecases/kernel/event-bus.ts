import type { DomainEvent } from './events';

export type Subscriber = (event: DomainEvent) => void | Promise<void>;

/**
 * Hands each event of a committed act to every subscriber. A subscriber's failure is
 * reported and does not reach the caller: the act is done and stored; what failed is a
 * notification, and pages and sockets correct themselves on their next check.
 */
export class EventBus {
  private readonly subscribers: Subscriber[] = [];

  constructor(private readonly onError: (error: unknown, event: DomainEvent) => void = () => {}) {}

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.push(subscriber);
    return () => {
      const i = this.subscribers.indexOf(subscriber);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  publish(events: readonly DomainEvent[]): void {
    for (const event of events) {
      for (const subscriber of this.subscribers) {
        try {
          const done = subscriber(event);
          if (done instanceof Promise) done.catch((e: unknown) => this.onError(e, event));
        } catch (e) {
          this.onError(e, event);
        }
      }
    }
  }
}
