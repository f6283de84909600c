import type { DomainEvent } from '../../usecases/kernel/events';
import { credentialsChanged } from '../auth/credentials-changed';

/** A revoked token: the sockets opened with it re-check their credentials and close (4401). */
export function credentialsSubscriber(event: DomainEvent): Promise<void> | undefined {
  return event.type === 'credentials.revoked' ? credentialsChanged(event.userId) : undefined;
}
