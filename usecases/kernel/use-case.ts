import type { Db } from '../../db/client';
import { DomainError } from '../../lib/errors';
import { refusal, type Action, type Actor as CommitteeActor, type Subject } from '../../lib/permissions';
import type { Actor } from './actor';
import type { DomainEvent } from './events';
import { textStoreFor, installedRuntime } from './runtime';
import type { TextStore } from './text-store';

/** What a use case may use: the database and the resolution texts. Nothing else. */
export interface UseCaseContext {
  db: Db;
  text: TextStore;
}

export interface Outcome<R> {
  result: R;
  /** Published after the act is stored, in order. */
  events: DomainEvent[];
}

/**
 * One procedural act: `(actor, input) → { result, events }`. It authorizes with `can()`
 * (stage rules included, see lib/permissions.ts), runs the db command (one transaction),
 * and says what happened as events. It knows nothing of HTTP, the CLI or sockets.
 */
export interface UseCase<I, R> {
  /** "amendment.table": used in logs and by the architecture test. */
  name: string;
  run(ctx: UseCaseContext, actor: Actor, input: I): Promise<Outcome<R>>;
}

export function defineUseCase<I, R>(
  name: string,
  run: (ctx: UseCaseContext, actor: Actor, input: I) => Promise<Outcome<R>>,
): UseCase<I, R> {
  return { name, run };
}

/**
 * How adapters (route handlers, CLI commands) call a use case: runs it with this process's
 * text store, then publishes its events to the subscribers registered at start-up.
 */
export async function execute<I, R>(useCase: UseCase<I, R>, call: { db: Db; actor: Actor }, input: I): Promise<R> {
  const runtime = installedRuntime();
  const { result, events } = await useCase.run({ db: call.db, text: textStoreFor(call.db) }, call.actor, input);
  runtime.bus.publish(events);
  return result;
}

/** Throws unless `can()` allows it, with the stage's reason when the stage is why. */
export function authorize(actor: CommitteeActor, action: Action, subject: Subject, roleMessage?: string): void {
  const refused = refusal(
    actor,
    action,
    subject,
    roleMessage ?? `Your role (${actor.role}) does not allow ${action.replace(':', ' ')}.`,
  );
  if (refused) throw new DomainError(refused.code, refused.message);
}

/** The user behind an actor, for acts only committee members perform. */
export function userIdOf(actor: Actor): string {
  if (actor.kind !== 'user')
    throw new DomainError('forbidden:operator', 'This act is performed by a committee member (--as <e-mail>).');
  return actor.userId;
}
