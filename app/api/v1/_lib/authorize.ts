import { can, type Action, type Actor, type Subject } from '@/lib/permissions';
import { forbidden } from '@/lib/errors';

/** Throws 403 unless `can()` allows it: the one authorization step of every handler. */
export function authorize(actor: Actor, action: Action, subject: Subject = {}, message?: string): void {
  if (!can(actor, action, subject))
    throw forbidden(action, message ?? `Your role (${actor.role}) does not allow ${action.replace(':', ' ')}.`);
}
